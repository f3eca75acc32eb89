/**
 * The one place errors become messages on screen: a tiny store outside React (toasts), fed by the
 * hooks, shown by <Toasts/>. Messages come from the catalogue by error code, with the server's text.
 */
import { RpcError } from '../../shared/rpc/errors';
import type { MessageKey } from '../../shared/i18n/catalogue';
import { SETTING_LIMITS, type SettingField } from '../../shared/contract/settings';
import { MAP_PACK_PROBLEMS } from '../../shared/domain/map-pack';

export type Toast = { id: number; key: MessageKey; message: string; params?: Record<string, string | number> };
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
  invalidSetting: 'error.invalidSetting',
  invalidMapPack: 'error.invalidMapPack',
};

/**
 * The catalogue's sentence for what the core refused and why, when it says: a setting outside its limits
 * ("轮播间隔须为 10–3600 秒的整数"), a map pack that cannot be used ("地图包第 1 个区域的边界无效…").
 */
export function settingRefusal(e: unknown): { key: MessageKey; params: Record<string, string | number> } | null {
  if (!(e instanceof RpcError)) return null;
  if (e.code === 'invalidSetting' && e.field && e.field in SETTING_LIMITS) {
    const field = e.field as SettingField;
    return { key: `settings.limit.${field}`, params: { ...SETTING_LIMITS[field] } };
  }
  if (e.code === 'invalidMapPack' && (MAP_PACK_PROBLEMS as readonly string[]).includes(e.reason ?? '')) {
    return { key: `mapPack.refused.${e.reason as (typeof MAP_PACK_PROBLEMS)[number]}`, params: e.params ?? {} };
  }
  return null;
}

/** An error as one line for a view to show in place: the catalogue's title for its code, and the service's text. */
export function errorText(e: unknown, t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  const refusal = settingRefusal(e);
  if (refusal) return t(refusal.key, refusal.params);
  const key = (e instanceof RpcError && KEY_BY_CODE[e.code]) || 'error.generic';
  return t(key, { message: e instanceof Error ? e.message : String(e) });
}

export function reportError(e: unknown): void {
  // A dropped link is shown by the link banner, not as a toast per call.
  if (e instanceof RpcError && e.code === 'disconnected') return;
  const refusal = settingRefusal(e);
  const key = refusal?.key ?? ((e instanceof RpcError && KEY_BY_CODE[e.code]) || 'error.generic');
  const message = e instanceof Error ? e.message : String(e);
  if (toasts.some((t) => t.message === message)) return;
  toasts = [...toasts.slice(-3), { id: nextId++, key, message, ...(refusal ? { params: refusal.params } : {}) }];
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
