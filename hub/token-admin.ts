/**
 * Issuing, listing, revoking and rotating hub tokens (`npm run hub -- tokens …`): each a row of hub_tokens
 * with only the token's hash, and each change an entry of the audit trail, in one transaction. Works on the
 * hub's store while the hub runs (the hub picks the change up within a second, see auth.ts).
 */
import { z } from 'zod';
import { DIVISIONS } from '../shared/domain/divisions';
import { HubRole, type HubTokenEntry } from '../shared/hub-protocol';
import { appendAudit } from './audit-log';
import { newTokenId, newTokenSecret, tokenHash } from './auth';
import type { HubDb } from './store/hub-store';

const STATION_CODES = new Set(DIVISIONS.subDistricts.map((s) => s.code));

export const TokenRequest = z
  .object({
    role: HubRole,
    stationCode: z.string().nullable().default(null),
    name: z.string().trim().min(1, 'a name: who or which PC holds it').max(100),
    expiresAt: z.number().int().positive().nullable().default(null),
  })
  .superRefine((t, ctx) => {
    if (t.role === 'station' && !(t.stationCode && STATION_CODES.has(t.stationCode))) ctx.addIssue({ code: 'custom', path: ['stationCode'], message: `a station token names one of ${DIVISIONS.district.name}'s sub-districts` });
    if (t.role !== 'station' && t.stationCode) ctx.addIssue({ code: 'custom', path: ['stationCode'], message: 'only a station token is bound to a sub-district' });
  });
export type TokenRequest = z.input<typeof TokenRequest>;

export type TokenRow = { id: string; role: HubRole; stationCode: string | null; name: string; createdAt: number; expiresAt: number | null; revokedAt: number | null };
/** Who made the change, for the audit trail (the operator at the hub's console, by default). */
export type AdminActor = { who: string; address: string | null };
const OPERATOR: AdminActor = { who: '枢纽管理员 (hub operator)', address: 'local' };

async function insertToken(trx: HubDb, t: z.infer<typeof TokenRequest>, token: string, now: number): Promise<string> {
  const id = newTokenId();
  await trx.insertInto('hub_tokens').values({ id, hash: tokenHash(token), role: t.role, station_code: t.stationCode, name: t.name, created_at: now, expires_at: t.expiresAt, revoked_at: null, changed_at: now }).execute();
  return id;
}

const audit = (trx: HubDb, now: number, by: AdminActor, kind: string, id: string, result: string) =>
  appendAudit(trx, [{ at: now, tokenId: null, who: by.who, role: null, address: by.address, kind, ticketNo: null, digest: id, result }]);

/** Issue a token: the secret is returned once and never stored. */
export async function issueToken(db: HubDb, req: TokenRequest, now: number, by: AdminActor = OPERATOR): Promise<{ id: string; token: string }> {
  const t = TokenRequest.parse(req);
  const token = newTokenSecret();
  return db.transaction().execute(async (trx) => {
    const id = await insertToken(trx, t, token, now);
    await audit(trx, now, by, 'token.issue', id, `${t.role}${t.stationCode ? ` ${t.stationCode}` : ''} “${t.name}”${t.expiresAt ? ` until ${new Date(t.expiresAt).toISOString()}` : ''}`);
    return { id, token };
  });
}

/** Tokens given as a file of {token, role, stationCode, name} (a hub from before per-device tokens): stored by
 * hash, each once. Returns how many were new. */
export async function importTokens(db: HubDb, entries: readonly HubTokenEntry[], now: number, by: AdminActor = OPERATOR): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let n = 0;
    for (const e of entries) {
      const known = await trx.selectFrom('hub_tokens').select('id').where('hash', '=', tokenHash(e.token)).executeTakeFirst();
      if (known) continue;
      const id = await insertToken(trx, TokenRequest.parse({ role: e.role, stationCode: e.stationCode, name: e.name || e.role, expiresAt: e.expiresAt ?? null }), e.token, now);
      await audit(trx, now, by, 'token.import', id, `${e.role}${e.stationCode ? ` ${e.stationCode}` : ''} “${e.name}”`);
      n++;
    }
    return n;
  });
}

export async function listTokens(db: HubDb): Promise<TokenRow[]> {
  const rows = await db.selectFrom('hub_tokens').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, role: r.role as HubRole, stationCode: r.station_code, name: r.name, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at }));
}

export async function revokeToken(db: HubDb, id: string, now: number, by: AdminActor = OPERATOR): Promise<TokenRow> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('hub_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new Error(`no token with id ${id} (see: tokens list)`);
    if (row.revoked_at !== null) throw new Error(`token ${id} was revoked already, at ${new Date(row.revoked_at).toISOString()}`);
    await trx.updateTable('hub_tokens').set({ revoked_at: now, changed_at: now }).where('id', '=', id).execute();
    await audit(trx, now, by, 'token.revoke', id, `${row.role}${row.station_code ? ` ${row.station_code}` : ''} “${row.name}”`);
    return { id, role: row.role as HubRole, stationCode: row.station_code, name: row.name, createdAt: row.created_at, expiresAt: row.expires_at, revokedAt: now };
  });
}

/** Revoke a token and issue its successor with the same role, sub-district, name and expiry term. */
export async function rotateToken(db: HubDb, id: string, now: number, by: AdminActor = OPERATOR): Promise<{ id: string; token: string; replaced: string }> {
  const token = newTokenSecret();
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('hub_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new Error(`no token with id ${id} (see: tokens list)`);
    if (row.revoked_at !== null) throw new Error(`token ${id} was revoked already: issue a new one`);
    const term = row.expires_at === null ? null : now + (row.expires_at - row.created_at);
    await trx.updateTable('hub_tokens').set({ revoked_at: now, changed_at: now }).where('id', '=', id).execute();
    const next = await insertToken(trx, TokenRequest.parse({ role: row.role, stationCode: row.station_code, name: row.name, expiresAt: term }), token, now);
    await audit(trx, now, by, 'token.rotate', next, `replaces ${id}: ${row.role}${row.station_code ? ` ${row.station_code}` : ''} “${row.name}”`);
    return { id: next, token, replaced: id };
  });
}
