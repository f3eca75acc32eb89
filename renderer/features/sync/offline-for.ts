/** "离线 12 分钟（自 14:05 起）": how long the console has been offline, from the sync status's offlineSince. */
import type { MessageKey } from '../../../shared/i18n/catalogue';
import { formatWhen } from '../../app/format';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export function offlineFor(since: number, now: number, t: T): string {
  const minutes = Math.max(0, Math.floor((now - since) / 60_000));
  const at = formatWhen(since, now);
  if (minutes < 1) return t('conn.offlineJust', { since: at });
  if (minutes < 60) return t('conn.offlineMinutes', { m: minutes, since: at });
  return t('conn.offlineHours', { h: Math.floor(minutes / 60), m: minutes % 60, since: at });
}
