/**
 * The console's configuration, from the environment (and defaults chosen by the shell).
 * A bad value stops start-up with a message naming the variable — never a silent fallback.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeZodError } from '../../shared/rpc/errors';
import { isLoopbackHost } from '../../shared/request-target';

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
    /** The desk console's token at the web host (full rights); null: the one kept in the data folder. */
    token: z.string().min(16).max(200).nullable(),
  }),
  /** The wall window's graphics: auto (a PC found without a GPU runs Chromium's GPU pipeline on SwiftShader),
   * swiftshader (always), native (never). */
  gpu: z.enum(['auto', 'swiftshader', 'native']),
  /** Folder holding demo/, map/ and gazetteer/; null: the app's own (the shell knows where). */
  resourcesDir: z.string().min(1).nullable(),
  /** Index of the display for the wall window (Electron), null → primary. */
  display: z.number().int().nonnegative().nullable(),
  kiosk: z.boolean(),
  /** https to the hub: the district CA to trust (PEM text) and this PC's client certificate (mutual TLS). */
  hubTls: z.object({ ca: z.string().optional(), cert: z.string().optional(), key: z.string().optional() }),
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
  'webHost.token': 'LIANDONG_TOKEN',
  resourcesDir: 'LIANDONG_RESOURCES_DIR',
  gpu: 'LIANDONG_GPU',
  display: 'LIANDONG_DISPLAY',
  kiosk: 'LIANDONG_KIOSK',
};

/** A PEM file named by `name`, read at start-up (a missing or unreadable one is a configuration error). */
function pemFile(env: Record<string, string | undefined>, name: string, read: (f: string) => string): string | undefined {
  const file = env[name];
  if (!file) return undefined;
  let text: string;
  try {
    text = read(file);
  } catch (e) {
    throw new ConfigError(`${name}: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!/-----BEGIN [A-Z0-9 ]+-----/.test(text)) throw new ConfigError(`${name}: ${file} is not a PEM file`);
  return text;
}

export function readConfig(env: Record<string, string | undefined>, defaults: { dataDir: string }, read: (file: string) => string = (f) => readFileSync(f, 'utf8')): ConsoleConfig {
  const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
  const raw = {
    role: env.LIANDONG_ROLE || 'console',
    stationCode: env.LIANDONG_STATION || null,
    hubUrl: env.LIANDONG_HUB_URL ? env.LIANDONG_HUB_URL.replace(/\/+$/, '') : null,
    hubToken: env.LIANDONG_HUB_TOKEN || null,
    demoRate: num(env.LIANDONG_DEMO_RATE) ?? 6,
    dataDir: env.LIANDONG_DATA_DIR || defaults.dataDir,
    webHost: { host: env.LIANDONG_HOST || '127.0.0.1', port: num(env.LIANDONG_PORT) ?? 0, token: env.LIANDONG_TOKEN || null },
    resourcesDir: env.LIANDONG_RESOURCES_DIR || null,
    gpu: env.LIANDONG_GPU || 'auto',
    display: num(env.LIANDONG_DISPLAY) ?? null,
    kiosk: env.LIANDONG_KIOSK === '1' || env.LIANDONG_KIOSK === 'true',
    hubTls: { ca: pemFile(env, 'LIANDONG_HUB_CA', read), cert: pemFile(env, 'LIANDONG_HUB_CLIENT_CERT', read), key: pemFile(env, 'LIANDONG_HUB_CLIENT_KEY', read) },
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
  if (parsed.data.hubUrl) {
    const u = new URL(parsed.data.hubUrl);
    const insecure = env.LIANDONG_HUB_INSECURE === '1';
    if (u.protocol === 'http:' && !isLoopbackHost(u.hostname) && !insecure) {
      throw new ConfigError(
        'LIANDONG_HUB_URL: 拒绝以明文 http 连接本机以外的枢纽 (plain http to a hub that is not on this machine would send tokens and citizens\' data in clear text): use https:// (LIANDONG_HUB_CA names the district CA), or set LIANDONG_HUB_INSECURE=1 on a closed test network',
      );
    }
  }
  if (Boolean(parsed.data.hubTls.cert) !== Boolean(parsed.data.hubTls.key)) {
    throw new ConfigError('LIANDONG_HUB_CLIENT_CERT, LIANDONG_HUB_CLIENT_KEY: a client certificate needs its key, and the key its certificate');
  }
  if (parsed.data.role === 'station' && !parsed.data.stationCode) {
    throw new ConfigError('LIANDONG_STATION: the station role needs the sub-district code it serves');
  }
  return parsed.data;
}
