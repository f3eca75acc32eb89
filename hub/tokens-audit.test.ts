/**
 * One identity per device, and the audit trail: tokens issued, revoked and rotated on a running hub's store
 * (as `npm run hub -- tokens …` does) take effect without a restart, a revoked token's live link is closed;
 * expired tokens, failed logins (rate-limited per address), connection caps and request rates; every ingest,
 * action, meeting operation, token change and failed login in the audit trail, whose chain names the first
 * entry edited, removed or reordered.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HUB_SOCKET_NAMESPACE } from '../shared/hub-protocol';
import { verifyAudit } from './audit-log';
import { generateTickets } from './demo/ticket-generator';
import { startHub, type Hub } from './hub-server';
import { issueToken, listTokens, revokeToken, rotateToken } from './token-admin';

const NOW = Date.UTC(2026, 10, 23, 3);
const RENGGANG = '320613003';
let hub: Hub;
let dir: string;
const sockets: Socket[] = [];

function connect(token: string): Promise<Socket> {
  const s = io(hub.url + HUB_SOCKET_NAMESPACE, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(s);
  return new Promise((resolve, reject) => (s.once('connect', () => resolve(s)), s.once('connect_error', reject)));
}
const feed = (token: string, after = 0) => fetch(`${hub.url}/api/v1/changes?after=${after}`, { headers: { Authorization: `Bearer ${token}` } });

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'liandong-tokens-'));
  hub = await startHub({ filename: path.join(dir, 'hub.sqlite'), tokens: [], log: () => undefined });
});
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

describe('tokens per device', () => {
  it('issues, revokes and rotates on the running hub; a revoked token\'s live link is closed', async () => {
    const chair = await issueToken(hub.store.db, { role: 'chair', name: '指挥中心 值班台 1' }, Date.now());
    const pc = await issueToken(hub.store.db, { role: 'station', stationCode: RENGGANG, name: '任港街道 值班电脑 1' }, Date.now());
    await hub.tokens.refresh(); // the hub polls every second; a test need not wait for it
    expect(chair.token).toMatch(/^ld_[A-Za-z0-9_-]{43}$/);
    const rows = await sql<{ hash: string }>`select hash from hub_tokens`.execute(hub.store.db);
    expect(rows.rows.map((r) => r.hash)).not.toContain(pc.token); // only hashes are kept
    const live = await connect(pc.token);
    expect((await feed(pc.token)).status).toBe(200);

    const closed = new Promise<string>((resolve) => live.once('disconnect', resolve));
    await revokeToken(hub.store.db, pc.id, Date.now());
    expect(await closed).toBe('io server disconnect'); // within the book's poll, no restart
    expect((await feed(pc.token)).status).toBe(401);
    await expect(connect(pc.token)).rejects.toThrow(/unauthorized/);

    const rotated = await rotateToken(hub.store.db, chair.id, Date.now());
    await hub.tokens.refresh();
    expect((await feed(chair.token)).status).toBe(401);
    expect((await feed(rotated.token)).status).toBe(200);
    const list = await listTokens(hub.store.db);
    expect(list.map((t) => [t.name, t.revokedAt !== null])).toEqual([
      ['指挥中心 值班台 1', true],
      ['任港街道 值班电脑 1', true],
      ['指挥中心 值班台 1', false],
    ]);
  });

  it('refuses an expired token, and a station token for a sub-district that is not the district\'s', async () => {
    const old = await issueToken(hub.store.db, { role: 'viewer', name: '大屏 2', expiresAt: Date.now() - 1000 }, Date.now() - 86_400_000);
    await hub.tokens.refresh();
    expect((await feed(old.token)).status).toBe(401);
    await expect(issueToken(hub.store.db, { role: 'station', stationCode: '12', name: 'x' }, Date.now())).rejects.toThrow(/stationCode/);
    await expect(issueToken(hub.store.db, { role: 'chair', name: '' }, Date.now())).rejects.toThrow(/name/);
  });

  it('closes the live link of a token that expires, and refuses its events meanwhile', async () => {
    await hub.close();
    let now = NOW;
    hub = await startHub({ filename: path.join(dir, 'hub.sqlite'), tokens: [], log: () => undefined, clock: () => now });
    const t = await issueToken(hub.store.db, { role: 'chair', name: '临时值班台', expiresAt: NOW + 60_000 }, NOW);
    await hub.tokens.refresh();
    const live = await connect(t.token);
    expect(await live.emitWithAck('meetingGet', { meetingId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'notFound' } });
    now = NOW + 120_000; // past its expiry, before the book's next look
    const closed = new Promise<string>((resolve) => live.once('disconnect', resolve));
    expect(await live.emitWithAck('meetingGet', { meetingId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await closed).toBe('io server disconnect');
    // And a link that sends nothing is closed by the book's next look.
    const t2 = await issueToken(hub.store.db, { role: 'viewer', name: '临时大屏', expiresAt: now + 60_000 }, now);
    await hub.tokens.refresh();
    const quiet = await connect(t2.token);
    const quietClosed = new Promise<string>((resolve) => quiet.once('disconnect', resolve));
    now += 120_000;
    await hub.tokens.refresh();
    expect(await quietClosed).toBe('io server disconnect');
  });

  it('logs failed logins and answers an address\'s wrong tokens 429 after 20 in a minute, unlogged', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await feed(`ld_wrong-${i}`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    // A valid token from the same address still gets in (offices behind one NAT share an address).
    const ok = await issueToken(hub.store.db, { role: 'viewer', name: '大屏' }, Date.now());
    await hub.tokens.refresh();
    expect((await feed(ok.token)).status).toBe(200);
    await hub.close();
    hub = await startHub({ filename: path.join(dir, 'hub.sqlite'), tokens: [], log: () => undefined });
    const failed = await hub.store.db.selectFrom('hub_audit').selectAll().where('kind', '=', 'login.failed').execute();
    expect(failed).toHaveLength(20);
    expect(failed[0]).toMatchObject({ address: expect.stringMatching(/127\.0\.0\.1/), result: 'http: unknown, revoked or expired token' });
    expect(failed[19]!.result).toMatch(/limit reached/);
  });

  it('caps the live connections and the request rate of one token', async () => {
    await hub.close();
    hub = await startHub({ filename: path.join(dir, 'hub.sqlite'), tokens: [], log: () => undefined, limits: { connectionsPerToken: 2, requestsPerSecond: 0.001, burst: 3 } });
    const t = await issueToken(hub.store.db, { role: 'chair', name: '值班台' }, Date.now());
    await hub.tokens.refresh();
    const a = await connect(t.token);
    await connect(t.token);
    await expect(connect(t.token)).rejects.toThrow(/too many connections/);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await a.emitWithAck('meetingGet', { meetingId: randomUUID() }));
    expect(answers.map((x) => x.ok === false && x.error.code)).toEqual(['notFound', 'notFound', 'notFound', 'unavailable']);
  });
});

describe('the audit trail (审计日志)', () => {
  it('records ingests, actions, meeting operations and token changes with who, where, what and the result', async () => {
    const ingest = await issueToken(hub.store.db, { role: 'ingest', name: '12345 平台接口' }, NOW);
    const chair = await issueToken(hub.store.db, { role: 'chair', name: '值班台 1' }, NOW);
    await hub.tokens.refresh();
    const [rec] = generateTickets(1, { now: NOW, seed: 3, spanMs: 0 });
    const res = await fetch(`${hub.url}/api/v1/tickets`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ingest.token}` }, body: JSON.stringify(rec) });
    expect(res.status).toBe(200);
    const s = await connect(chair.token);
    expect(await s.emitWithAck('action', { id: randomUUID(), kind: 'comment', ticketNo: rec!.ticket.ticketNo, note: '请核实' })).toMatchObject({ ok: true });
    expect(await s.emitWithAck('action', { id: randomUUID(), kind: 'status', ticketNo: rec!.ticket.ticketNo, to: 'closed' })).toMatchObject({ ok: false });
    const meetingId = randomUUID();
    expect(await s.emitWithAck('meeting', { id: randomUUID(), op: 'create', meetingId, kind: 'onlineCheck', title: '会商', agenda: [{ ticketNo: rec!.ticket.ticketNo, reasons: [] }], invitees: { stations: [RENGGANG], departments: [], deputies: [] } })).toMatchObject({ ok: true });
    const rows = await hub.store.db.selectFrom('hub_audit').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => [r.kind, r.who, r.ticket_no])).toEqual([
      ['token.issue', '枢纽管理员 (hub operator)', null],
      ['token.issue', '枢纽管理员 (hub operator)', null],
      ['ingest', '12345 平台接口', rec!.ticket.ticketNo],
      ['action.comment', '值班台 1', rec!.ticket.ticketNo],
      ['action.status', '值班台 1', rec!.ticket.ticketNo],
      ['meeting.create', '值班台 1', null],
    ]);
    expect(rows[3]).toMatchObject({ token_id: chair.id, role: 'chair', address: expect.stringMatching(/127\.0\.0\.1/), result: 'ok', digest: expect.any(String) });
    expect(rows[4]!.result).toMatch(/^conflict: /);
    expect(rows[2]!.result).toBe('1 records: 1 changed, 0 unchanged, 0 refused');
    expect(await verifyAudit(hub.store.db)).toMatchObject({ ok: true, entries: 6 });
  });

  it('names the first entry that was edited, removed or reordered', async () => {
    for (let i = 0; i < 6; i++) await issueToken(hub.store.db, { role: 'viewer', name: `大屏 ${i}` }, NOW + i);
    const intact = await verifyAudit(hub.store.db);
    expect(intact).toMatchObject({ ok: true, entries: 6, head: { seq: 6 } });
    const head = (intact as { head: { seq: number; hash: string } }).head;
    const db = hub.store.db;
    // The newest entries cut off: the chain alone still holds, the head noted down earlier does not.
    await sql`create table audit_copy as select * from hub_audit`.execute(db);
    await sql`delete from hub_audit where seq >= 5`.execute(db);
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 4 });
    expect(await verifyAudit(db, head)).toMatchObject({ ok: false, seq: 6, problem: 'truncated' });
    await sql`insert into hub_audit select * from audit_copy where seq >= 5`.execute(db);
    expect(await verifyAudit(db, head)).toMatchObject({ ok: true, entries: 6 });
    await sql`update hub_audit set result = 'viewer “大屏 9”' where seq = 3`.execute(db);
    expect(await verifyAudit(db)).toMatchObject({ ok: false, seq: 3, problem: 'edited' });
    await sql`update hub_audit set result = 'viewer “大屏 2”' where seq = 3`.execute(db);
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 6 });
    await sql`delete from hub_audit where seq = 4`.execute(db);
    expect(await verifyAudit(db)).toMatchObject({ ok: false, seq: 5, problem: 'removed' });
    // Reordered: the rows of 5 and 6 swapped (each keeps its own hash, so each is self-consistent).
    await sql`update hub_audit set seq = seq + 100 where seq in (5, 6)`.execute(db);
    await sql`update hub_audit set seq = case seq when 105 then 4 when 106 then 5 end where seq in (105, 106)`.execute(db);
    await sql`update hub_audit set seq = -1 where seq = 4`.execute(db);
    await sql`update hub_audit set seq = 4 where seq = 5`.execute(db);
    await sql`update hub_audit set seq = 5 where seq = -1`.execute(db);
    expect(await verifyAudit(db)).toMatchObject({ ok: false, seq: 4, problem: 'reordered' });
  });
});
