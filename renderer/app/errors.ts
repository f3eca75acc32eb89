/**
 * The one place errors become messages on screen: a tiny store outside React (toasts), fed by the hooks, shown
 * by <Toasts/>. What a user reads comes from the catalogue in the chosen language (describeError: the error's
 * reason with its parameters, else its code's title); the service's own message (developers' words) is kept as
 * the details on hover and in the log, never as the text.
 */
import { RpcError } from '../../shared/rpc/errors';
import { describeError, type Locale } from '../../shared/i18n/catalogue';

/** An error as the catalogue needs it. */
export type ErrorInfo = { code?: string; field?: string; reason?: string; params?: Record<string, string | number>; message: string };
export type Toast = { id: number; error: ErrorInfo };
type Listener = (toasts: Toast[]) => void;

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<Listener>();

export function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof RpcError) return { code: e.code, field: e.field, reason: e.reason, params: e.params, message: e.message };
  return { message: e instanceof Error ? e.message : String(e) };
}

/** An error as one line for a view to show in place, in the user's language. */
export function errorText(e: unknown, locale: Locale): string {
  return describeError(locale, errorInfo(e));
}

export function reportError(e: unknown): void {
  // A dropped link is shown by the link banner, not as a toast per call.
  if (e instanceof RpcError && e.code === 'disconnected') return;
  const error = errorInfo(e);
  console.warn('liandong:', error.code ?? 'error', error.reason ?? '', error.message);
  if (toasts.some((t) => t.error.message === error.message)) return;
  toasts = [...toasts.slice(-3), { id: nextId++, error }];
  listeners.forEach((l) => l(toasts));
}

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  listeners.forEach((l) => l(toasts));
}

export function subscribeToasts(l: Listener): () => void {
  listeners.add(l);
  l(toasts);
  return () => listeners.delete(l);
}
