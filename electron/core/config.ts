/**
 * The console's configuration, from the environment (and defaults chosen by the shell).
 * A bad value stops start-up with a message naming the variable — never a silent fallback.
 */
import { z } from 'zod';
import { describeZodError } from '../../shared/rpc/errors';

export const ConsoleConfig = z.object({
  role: z.enum(['console', 'station']),
  /** Station role: the sub-district code this app serves, e.g. 320613003 (任港街道). */
  stationCode: z.string().regex(/^\d{9}$/, 'a 9-digit sub-district code').nullable(),
  /** Hub to sync from; null → the embedded demo hub. */
  hubUrl: z.url({ protocol: /^https?$/ }).nullable(),
  /** This console's token at the hub (chair or station). */
  hubToken: z.string().min(16).max(200).nullable(),
  /** Embedded demo hub: new tickets per minute (0: none). */
  demoRate: z.number().min(0).max(6000),
  dataDir: z.string().min(1),
  webHost: z.object({
    host: z.string().min(1),
    port: z.number().int().min(0).max(65535),
  }),
  /** Index of the display for the wall window (Electron), null → primary. */
  display: z.number().int().nonnegative().nullable(),
  kiosk: z.boolean(),
});
export type ConsoleConfig = z.infer<typeof ConsoleConfig>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(`配置错误 (configuration error): ${message}`);
    this.name = 'ConfigError';
  }
}

const ENV_NAMES: Record<string, string> = {
  role: 'LIANDONG_ROLE',
  stationCode: 'LIANDONG_STATION',
  hubUrl: 'LIANDONG_HUB_URL',
  hubToken: 'LIANDONG_HUB_TOKEN',
  demoRate: 'LIANDONG_DEMO_RATE',
  dataDir: 'LIANDONG_DATA_DIR',
  'webHost.host': 'LIANDONG_HOST',
  'webHost.port': 'LIANDONG_PORT',
  display: 'LIANDONG_DISPLAY',
  kiosk: 'LIANDONG_KIOSK',
};

export function readConfig(env: Record<string, string | undefined>, defaults: { dataDir: string }): ConsoleConfig {
  const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
  const raw = {
    role: env.LIANDONG_ROLE || 'console',
    stationCode: env.LIANDONG_STATION || null,
    hubUrl: env.LIANDONG_HUB_URL ? env.LIANDONG_HUB_URL.replace(/\/+$/, '') : null,
    hubToken: env.LIANDONG_HUB_TOKEN || null,
    demoRate: num(env.LIANDONG_DEMO_RATE) ?? 6,
    dataDir: env.LIANDONG_DATA_DIR || defaults.dataDir,
    webHost: { host: env.LIANDONG_HOST || '127.0.0.1', port: num(env.LIANDONG_PORT) ?? 0 },
    display: num(env.LIANDONG_DISPLAY) ?? null,
    kiosk: env.LIANDONG_KIOSK === '1' || env.LIANDONG_KIOSK === 'true',
  };
  const parsed = ConsoleConfig.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = ENV_NAMES[issue.path.join('.')] ?? issue.path.join('.');
    throw new ConfigError(`${name}: ${describeZodError(new z.ZodError([issue]))}`);
  }
  if (parsed.data.hubUrl && !parsed.data.hubToken) {
    throw new ConfigError('LIANDONG_HUB_TOKEN: a hub needs this console\'s token (chair or station)');
  }
  if (parsed.data.role === 'station' && !parsed.data.stationCode) {
    throw new ConfigError('LIANDONG_STATION: the station role needs the sub-district code it serves');
  }
  return parsed.data;
}
