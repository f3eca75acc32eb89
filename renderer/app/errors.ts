/**
 * The one place errors become messages on screen: a tiny store outside React (toasts), fed by the
 * hooks, shown by <Toasts/>. Messages come from the catalogue by error code, with the server's text.
 */
import { RpcError } from '../../shared/rpc/errors';
import type { MessageKey } from '../../shared/i18n/catalogue';

export type Toast = { id: number; key: MessageKey; message: string };
type Listener = (toasts: Toast[]) => void;

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<Listener>();

const KEY_BY_CODE: Partial<Record<string, MessageKey>> = {
  badRequest: 'error.badRequest',
  unknownMethod: 'error.unknownMethod',
  notFound: 'error.notFound',
  unauthorized: 'error.unauthorized',
  unavailable: 'error.unavailable',
  internal: 'error.internal',
};

/** An error as one line for a view to show in place: the catalogue's title for its code, and the service's text. */
export function errorText(e: unknown, t: (key: MessageKey, params?: Record<string, string>) => string): string {
  const key = (e instanceof RpcError && KEY_BY_CODE[e.code]) || 'error.generic';
  return t(key, { message: e instanceof Error ? e.message : String(e) });
}

export function reportError(e: unknown): void {
  // A dropped link is shown by the link banner, not as a toast per call.
  if (e instanceof RpcError && e.code === 'disconnected') return;
  const key = (e instanceof RpcError && KEY_BY_CODE[e.code]) || 'error.generic';
  const message = e instanceof Error ? e.message : String(e);
  if (toasts.some((t) => t.message === message)) return;
  toasts = [...toasts.slice(-3), { id: nextId++, key, message }];
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
