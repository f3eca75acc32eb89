/**
 * Standalone hub: `npm run hub`. Configuration by environment:
 *   LIANDONG_HUB_HOST (127.0.0.1), LIANDONG_HUB_PORT (7345), LIANDONG_HUB_DATA_DIR (~/.local/share/liandong-hub),
 *   LIANDONG_HUB_TOKENS (a JSON file of {token, role, stationCode, name}; generated on first start),
 *   LIANDONG_HUB_DEMO (tickets per minute of the demo feed, seeded with the demo history; 0 = off),
 *   LIANDONG_HUB_TLS_CERT, LIANDONG_HUB_TLS_KEY (PEM files: serve https/wss), LIANDONG_HUB_TLS_CLIENT_CA (PEM:
 *   stations must present a client certificate from this CA), LIANDONG_HUB_INSECURE=1 (allow plain http on an
 *   address other than loopback: closed test networks only).
 */
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { HubTokenEntry } from '../shared/hub-protocol';
import { describeZodError } from '../shared/rpc/errors';
import { isLoopbackHost } from '../shared/request-target';
import { generateTokens } from './auth';
import { verifyAudit } from './audit-log';
import { importTokens, issueToken, listTokens, revokeToken, rotateToken, TokenRequest } from './token-admin';
import { HubStore, type HubDb } from './store/hub-store';
import { loadDemoTickets } from './demo/demo-file';
import { startDemoFeed } from './demo/demo-feed';
import { startHub, type HubTls } from './hub-server';
import { cliImport } from './import/cli-import';
import { readTurnConfig } from './live-links/ice-servers';
import { readSiteUrl } from './live-links/site-url';


async function pem(env: NodeJS.ProcessEnv, name: string): Promise<string | undefined> {
  const file = env[name];
  if (!file) return undefined;
  const text = await readFile(file, 'utf8').catch((e: Error) => {
    throw new Error(`${name}: cannot read ${file}: ${e.message}`);
  });
  if (!/-----BEGIN [A-Z0-9 ]+-----/.test(text)) throw new Error(`${name}: ${file} is not a PEM file`);
  return text;
}

async function readTls(env: NodeJS.ProcessEnv): Promise<HubTls | undefined> {
  const [cert, key, clientCa] = await Promise.all([pem(env, 'LIANDONG_HUB_TLS_CERT'), pem(env, 'LIANDONG_HUB_TLS_KEY'), pem(env, 'LIANDONG_HUB_TLS_CLIENT_CA')]);
  if (!cert && !key) {
    if (clientCa) throw new Error('LIANDONG_HUB_TLS_CLIENT_CA: mutual TLS needs the hub\'s own certificate (LIANDONG_HUB_TLS_CERT, LIANDONG_HUB_TLS_KEY)');
    return undefined;
  }
  if (!cert || !key) throw new Error('LIANDONG_HUB_TLS_CERT, LIANDONG_HUB_TLS_KEY: give both, the certificate and its key');
  return { cert, key, clientCa };
}

function dataDirOf(env: NodeJS.ProcessEnv): string {
  return env.LIANDONG_HUB_DATA_DIR || path.join(env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'), 'liandong-hub');
}

/**
 * The first start of a hub with no tokens: a file of tokens from before per-device tokens
 * (LIANDONG_HUB_TOKENS or <data>/hub-tokens.json) is imported by hash; with none, a starting set is issued
 * (chair, viewer, ingest, one station per sub-district) and written once to hub-tokens.json (0600) for the
 * operator to hand out — the hub itself keeps only hashes.
 */
async function bootstrapTokens(db: HubDb, file: string, log: (l: string) => void): Promise<void> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    // Imported whenever it is there (by hash, each once): an upgraded hub keeps its PCs' tokens even when the
    // operator issued new ones before its first start.
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new Error(`${file}: not JSON: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    const parsed = z.array(HubTokenEntry).min(1).safeParse(json);
    if (!parsed.success) throw new Error(`${file}: ${describeZodError(parsed.error)}`);
    const n = await importTokens(db, parsed.data, Date.now());
    if (n) log(`imported ${n} tokens from ${file} (kept as hashes; delete the file once every PC has its token)`);
  } else if (!(await listTokens(db)).length) {
    const issued: HubTokenEntry[] = [];
    for (const t of generateTokens()) {
      const { token } = await issueToken(db, { role: t.role, stationCode: t.stationCode, name: t.name }, Date.now());
      issued.push({ ...t, token });
    }
    await writeFile(file, JSON.stringify(issued, null, 2) + '\n', { mode: 0o600 });
    await chmod(file, 0o600);
    log(`issued a starting set of tokens into ${file} (chair, viewer, ingest, one per sub-district): hand each to its PC, then delete the file; \`tokens issue\` makes one per PC`);
  }
  const active = (await listTokens(db)).filter((t) => t.revokedAt === null && (t.expiresAt === null || t.expiresAt > Date.now()));
  if (!active.some((t) => t.role === 'chair')) log('no valid chair token: the command centre cannot connect — `npm run hub -- tokens issue --role chair --name "…"`');
}

const HELP = `用法 (usage):
  npm run hub                                   start the hub
  npm run hub -- tokens list                    the tokens (id, role, sub-district, name, created, expires, revoked)
  npm run hub -- tokens issue --role chair|station|viewer|ingest [--station CODE] --name "NAME" [--days N]
  npm run hub -- tokens revoke ID               refused from then on; its live links close within a second
  npm run hub -- tokens rotate ID               revoke ID and issue its successor (same role, sub-district, name)
  npm run hub -- import FILE [--preview] [--mapping NAME] [--encoding utf-8|gbk] [--set HEADER=FIELD]… [--save-mapping NAME]
                                                import a 12345 / grid platform export (XLSX or CSV) into the RUNNING
                                                hub: the columns (--preview: only them), progress, report; refused rows
                                                saved beside the file (FILE-被拒行.csv); a column not recognised stops
                                                it until --set names its field (or --set "HEADER=" ignores it); Ctrl-C
                                                cancels
  npm run hub -- import resume ID               go on with a cancelled or interrupted import
  npm run hub -- audit verify [--expect SEQ:HASH]
                                                check the audit trail's chain; names the first entry edited, removed or
                                                reordered, and prints its head (note it down outside the hub: with
                                                --expect, a later check also finds the newest entries cut off)
Environment: LIANDONG_HUB_URL, LIANDONG_HUB_TOKEN, LIANDONG_HUB_CA (import: the hub to use, a chair or ingest token,
  the CA of its certificate; by default the hub of this data folder, with a token issued for the run), LIANDONG_HUB_DATA_DIR, LIANDONG_HUB_HOST, LIANDONG_HUB_PORT, LIANDONG_HUB_TLS_CERT, LIANDONG_HUB_TLS_KEY,
  LIANDONG_HUB_TLS_CLIENT_CA, LIANDONG_HUB_INSECURE, LIANDONG_HUB_DEMO, LIANDONG_HUB_TOKENS (see README).
`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
  return v;
}

/** Each command and the flags it takes: any other `--flag` is refused (a misspelt `--day` must not issue a
 * token that never expires, nor a misspelt `--expct` report an unanchored check as intact). */
const COMMANDS: Record<string, readonly string[]> = {
  'tokens list': [],
  'tokens issue': ['role', 'station', 'name', 'days'],
  'tokens revoke': [],
  'tokens rotate': [],
  'audit verify': ['expect'],
};

const iso = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

/** `import …`: a client of the running hub (see import/cli-import.ts). */
async function importCommand(args: string[], dataDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const rest = args.slice(1);
  const sets: string[] = [];
  const opts: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const name = a.slice(2);
    if (name === 'preview') {
      opts.preview = '1';
      continue;
    }
    if (!['mapping', 'encoding', 'set', 'save-mapping'].includes(name)) throw new Error(`import: unknown option ${a} (it takes --mapping --encoding --set --save-mapping --preview)`);
    const v = rest[++i];
    if (v === undefined) throw new Error(`${a} needs a value`);
    if (name === 'set') sets.push(v);
    else opts[name] = v;
  }
  const resume = positional[0] === 'resume' ? positional[1] : undefined;
  if (positional[0] === 'resume' && !resume) throw new Error('import resume needs the import id (printed when it was cancelled)');
  if (!resume && positional.length !== 1) throw new Error('import needs one file: npm run hub -- import FILE');
  if (!resume) await stat(positional[0]!).catch(() => {
    throw new Error(`${positional[0]}: no such file`);
  });
  const tls = Boolean(env.LIANDONG_HUB_TLS_CERT);
  const host = env.LIANDONG_HUB_HOST && env.LIANDONG_HUB_HOST !== '0.0.0.0' ? env.LIANDONG_HUB_HOST : '127.0.0.1';
  const url = (env.LIANDONG_HUB_URL || `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${env.LIANDONG_HUB_PORT ?? 7345}`).replace(/\/+$/, '');
  const ca = env.LIANDONG_HUB_CA ? await readFile(env.LIANDONG_HUB_CA, 'utf8') : tls && env.LIANDONG_HUB_TLS_CERT ? await readFile(env.LIANDONG_HUB_TLS_CERT, 'utf8') : undefined;
  let token = env.LIANDONG_HUB_TOKEN;
  let issued: string | undefined;
  const store = token ? undefined : await HubStore.open(path.join(dataDir, 'hub.sqlite'));
  try {
    if (store) {
      const t = await issueToken(store.db, { role: 'ingest', stationCode: null, name: '命令行导入 (CLI import)', expiresAt: Date.now() + 86_400_000 }, Date.now());
      token = t.token;
      issued = t.id;
    }
    const hub = { url, token: token!, ca };
    await untilAccepted(hub);
    const signal = { cancelled: false };
    process.once('SIGINT', () => {
      signal.cancelled = true;
      process.stderr.write('\n取消中 (cancelling): the batch in hand lands first…\n');
    });
    const tty = process.stderr.isTTY;
    process.exitCode = await cliImport(hub, { file: positional[0] === 'resume' ? undefined : positional[0], resume, mapping: opts.mapping, encoding: opts.encoding, sets, saveMapping: opts['save-mapping'], preview: opts.preview === '1' }, {
      out: (l) => process.stdout.write(l + '\n'),
      progress: (l) => (tty ? process.stderr.write(`\r\x1b[K${l}`) : l && process.stderr.write(l + '\n')),
    }, signal);
  } finally {
    if (store && issued) await revokeToken(store.db, issued, Date.now()).catch(() => undefined);
    await store?.close();
  }
}

/** Until the hub takes the token (a token issued in the store reaches a running hub within a second or two). */
async function untilAccepted(hub: { url: string; token: string; ca?: string }): Promise<void> {
  const { default: http } = await import('node:http');
  const { default: https } = await import('node:https');
  const deadline = Date.now() + 10_000;
  // The hub looks for new tokens once a second: asking before it has would count as a failed login.
  await new Promise((r) => setTimeout(r, 1200));
  for (;;) {
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(`${hub.url}/api/v1/import-mappings`);
      (u.protocol === 'https:' ? https : http)
        .get(u, { headers: { Authorization: `Bearer ${hub.token}` }, ...(hub.ca ? { ca: hub.ca } : {}) }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', (e: NodeJS.ErrnoException) => reject(new Error(e.code === 'ECONNREFUSED' ? `no hub at ${hub.url}: start it first (npm run hub), or set LIANDONG_HUB_URL` : `${hub.url}: ${e.message}`)));
    });
    if (status === 200) return;
    if (status !== 401 || Date.now() > deadline) throw new Error(status === 401 ? 'the hub did not accept the token (is LIANDONG_HUB_DATA_DIR the running hub’s data folder?)' : `the hub answered HTTP ${status}`);
    await new Promise((r) => setTimeout(r, 700));
  }
}

async function command(args: string[], dataDir: string): Promise<void> {
  if (args[0] === 'import') return importCommand(args, dataDir, process.env);
  const name = args.slice(0, 2).join(' ');
  const flags = COMMANDS[name];
  if (!flags) {
    const help = args[0] === 'help' || args[0] === '--help';
    process.stderr.write(`${help ? '' : `未知命令 (unknown command): ${args.join(' ')}\n`}${HELP}`);
    process.exitCode = help ? 0 : 2;
    return;
  }
  const unknown = args.filter((a) => a.startsWith('--') && !flags.includes(a.slice(2)));
  if (unknown.length) throw new Error(`${name}: unknown option ${unknown.join(' ')}${flags.length ? ` (it takes ${flags.map((f) => `--${f}`).join(' ')})` : ''}`);
  // Output piped into `head` and closed early is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  const store = await HubStore.open(path.join(dataDir, 'hub.sqlite'));
  const out = (l: string) => process.stdout.write(l + '\n');
  try {
    const [area, verb, arg] = args;
    if (area === 'tokens' && verb === 'list') {
      for (const t of await listTokens(store.db)) {
        out([t.id, t.role.padEnd(7), (t.stationCode ?? '').padEnd(9), t.name.padEnd(Math.max(16, t.name.length)), `created ${iso(t.createdAt)}`, `expires ${iso(t.expiresAt)}`, t.revokedAt ? `REVOKED ${iso(t.revokedAt)}` : t.expiresAt !== null && t.expiresAt <= Date.now() ? 'EXPIRED' : 'active'].join('  '));
      }
    } else if (area === 'tokens' && verb === 'issue') {
      const days = flag(args, 'days');
      if (days !== undefined && !/^\d{1,5}$/.test(days)) throw new Error('--days: a whole number of days, 1 to 99999');
      if (days !== undefined && Number(days) < 1) throw new Error('--days: at least 1 day');
      const request = TokenRequest.safeParse({ role: flag(args, 'role'), stationCode: flag(args, 'station') ?? null, name: flag(args, 'name') ?? '', expiresAt: days ? Date.now() + Number(days) * 86_400_000 : null });
      if (!request.success) throw new Error(`tokens issue: ${describeZodError(request.error)}`);
      const { id, token } = await issueToken(store.db, request.data, Date.now());
      out(`issued ${id}: ${token}`);
      out('(shown once: the hub keeps only its hash)');
    } else if (area === 'tokens' && (verb === 'revoke' || verb === 'rotate')) {
      if (!arg || arg.startsWith('--')) throw new Error(`tokens ${verb} needs a token id (see: tokens list)`);
      if (verb === 'revoke') {
        const t = await revokeToken(store.db, arg, Date.now());
        out(`revoked ${t.id} (${t.role} “${t.name}”): a running hub refuses it within a second and closes its links`);
      } else {
        const t = await rotateToken(store.db, arg, Date.now());
        out(`rotated ${t.replaced} → ${t.id}: ${t.token}`);
        out('(shown once: the hub keeps only its hash)');
      }
    } else if (area === 'audit' && verb === 'verify') {
      const expect = flag(args, 'expect');
      const m = expect === undefined ? null : /^([1-9]\d*):([0-9a-f]{64})$/.exec(expect);
      if (expect !== undefined && !m) throw new Error('--expect SEQ:HASH, as `audit verify` printed it');
      const v = await verifyAudit(store.db, m ? { seq: Number(m[1]), hash: m[2]! } : undefined);
      if (v.ok) out(`审计日志完整 (audit trail intact): ${v.entries} entries${v.head ? `; head ${v.head.seq}:${v.head.hash}` : ''}`);
      else {
        const what = {
          edited: m && v.seq === Number(m[1]) ? 'does not match the noted head (edited, the chain rebuilt, or the head mistyped)' : 'edited',
          removed: 'an entry before it was removed',
          reordered: 'removed or reordered',
          truncated: 'missing: the newest entries were cut off',
        }[v.problem];
        out(`审计日志被篡改 (audit trail broken) at entry ${v.seq}: ${what} (${v.entries} entries read)`);
        process.exitCode = 3;
      }
    }
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  // Everything the hub writes (store, tokens file, photos) is for its own user only: files 0600, folders 0700.
  process.umask(0o077);
  const env = process.env;
  const dataDir = dataDirOf(env);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
  const args = process.argv.slice(2);
  if (args.length) return command(args, dataDir);
  const port = Number(env.LIANDONG_HUB_PORT ?? 7345);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`LIANDONG_HUB_PORT: not a port: ${env.LIANDONG_HUB_PORT}`);
  const demoRate = Number(env.LIANDONG_HUB_DEMO ?? 0);
  if (!(demoRate >= 0)) throw new Error(`LIANDONG_HUB_DEMO: not a rate: ${env.LIANDONG_HUB_DEMO}`);
  const host = env.LIANDONG_HUB_HOST || '127.0.0.1';
  const tls = await readTls(env);
  if (!tls && !isLoopbackHost(host) && env.LIANDONG_HUB_INSECURE !== '1') {
    throw new Error(`LIANDONG_HUB_HOST=${host}: 拒绝在网络上以明文 http 服务 (plain http beyond this machine sends tokens and citizens' data in clear text): set LIANDONG_HUB_TLS_CERT and LIANDONG_HUB_TLS_KEY, or LIANDONG_HUB_INSECURE=1 on a closed test network`);
  }
  const log = (l: string) => process.stderr.write(`[hub] ${l}\n`);
  const siteUrl = readSiteUrl(env);
  const hub = await startHub({ filename: path.join(dataDir, 'hub.sqlite'), tokens: [], host, port, tls, log, turn: readTurnConfig(env), siteUrl });
  await bootstrapTokens(hub.store.db, env.LIANDONG_HUB_TOKENS || path.join(dataDir, 'hub-tokens.json'), log);
  await hub.tokens.refresh();
  let feed: { stop(): void } | undefined;
  if (demoRate > 0) {
    if ((await hub.store.count()) === 0) log(`seeded ${await hub.ingest(await loadDemoTickets(path.resolve(__dirname, '..', '..', 'resources'), Date.now()))} demo tickets`);
    feed = startDemoFeed(hub, { ticketsPerMinute: demoRate, log });
  }
  process.stdout.write(`Liandong hub: ${hub.url} (data: ${dataDir})\n`);
  const stop = async () => {
    feed?.stop();
    await hub.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Last line of defence: a promise rejected where nobody listened is a bug, logged loudly (the fuzz test fails on
// it) — but it does not stop the process serving a district.
process.on('unhandledRejection', (e) => process.stderr.write(`[hub] unhandled rejection (a bug, please report): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`));

main().catch((e) => {
  process.stderr.write(`[hub] 失败 (failed): ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

