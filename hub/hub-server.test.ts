import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangePush, HUB_SOCKET_NAMESPACE, type ActionAck } from '../shared/hub-protocol';
import { generateTickets } from './demo/ticket-generator';
import { generateTokens } from './auth';
import { rawExchange } from '../test/support/raw-http';
import { startHub, type Hub } from './hub-server';

const NOW = Date.UTC(2026, 10, 23, 3);
let hub: Hub;
let tokens: ReturnType<typeof generateTokens>;
const chair = () => tokens.find((t) => t.role === 'chair')!.token;
const ingest = () => tokens.find((t) => t.role === 'ingest')!.token;
const viewer = () => tokens.find((t) => t.role === 'viewer')!.token;
const station = (code: string) => tokens.find((t) => t.stationCode === code)!.token;
const RENGGANG = '320613003';

beforeEach(async () => {
  tokens = generateTokens();
  hub = await startHub({ filename: ':memory:', tokens, clock: () => NOW });
});
afterEach(() => hub.close());

const post = (body: unknown, token = ingest()) =>
  fetch(`${hub.url}/api/v1/tickets`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const changes = (q: string, token = chair()) => fetch(`${hub.url}/api/v1/changes?${q}`, { headers: { Authorization: `Bearer ${token}` } });

function connect(token: string): Promise<Socket> {
  const s = io(hub.url + HUB_SOCKET_NAMESPACE, { auth: { token }, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', (e) => reject(e));
  });
}

describe('hub ingest and change feed', () => {
  it('ingests idempotently: a change records one new seq, an identical repeat records none', async () => {
    const recs = generateTickets(3, { now: NOW, seed: 1 });
    expect(await (await post({ records: recs })).json()).toEqual({ accepted: 3, changed: 3, unchanged: 0, rejected: [], lastSeq: 3 });
    expect(await (await post({ records: recs })).json()).toMatchObject({ changed: 0, unchanged: 3, lastSeq: 3 });
    const edited = { ...recs[1]!, ticket: { ...recs[1]!.ticket, status: 'closed', satisfaction: 'satisfied' } };
    expect(await (await post(edited)).json()).toMatchObject({ accepted: 1, changed: 1, lastSeq: 4 });
    const page = await (await changes('after=0')).json();
    expect(page).toMatchObject({ lastSeq: 4, headSeq: 4, hasMore: false });
    expect(page.changes.map((c: { seq: number; ticket: { ticketNo: string } }) => [c.seq, c.ticket.ticketNo])).toEqual([
      [1, recs[0]!.ticket.ticketNo],
      [3, recs[2]!.ticket.ticketNo],
      [4, recs[1]!.ticket.ticketNo],
    ]);
    expect(ChangePush.omit({ prevSeq: true }).parse(page.changes[2])).toEqual({ seq: 4, changedAt: NOW, ...edited });
  });

  it('pages with after/limit and says when there is more', async () => {
    await hub.ingest(generateTickets(25, { now: NOW, seed: 2 }));
    const p1 = await (await changes('after=0&limit=10')).json();
    expect(p1).toMatchObject({ lastSeq: 10, headSeq: 25, hasMore: true });
    const p3 = await (await changes('after=20&limit=10')).json();
    expect(p3).toMatchObject({ lastSeq: 25, hasMore: false });
    expect(p3.changes).toHaveLength(5);
    expect(await (await changes('after=25')).json()).toEqual({ changes: [], lastSeq: 25, headSeq: 25, hasMore: false });
  });

  it('rejects bad records one by one and stores the valid ones', async () => {
    const [good] = generateTickets(1, { now: NOW, seed: 3 });
    const res = await post({
      records: [
        good,
        { ticket: { ...good!.ticket, ticketNo: 'BAD-1', lat: 'north' }, timeline: [] },
        { ticket: { ...good!.ticket, ticketNo: 'BAD-2', summary: 'x'.repeat(100_000) }, timeline: [] },
        { timeline: [] },
      ],
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ accepted: 1, changed: 1 });
    expect(body.rejected.map((r: { index: number; ticketNo: string | null }) => [r.index, r.ticketNo])).toEqual([
      [1, 'BAD-1'],
      [2, 'BAD-2'],
      [3, null],
    ]);
    expect(body.rejected[0].error).toContain('ticket.lat');
    expect(await hub.store.count()).toBe(1);
  });

  it.each([
    ['invalid JSON', '{"records": [', 400, /invalid JSON/],
    ['wrong envelope', { tickets: [] }, 400, /expected a ticket record/],
    ['empty batch', { records: [] }, 400, /expected a ticket record/],
  ])('refuses %s with a clear error', async (_n, body, status, message) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect((await res.json()).error.message).toMatch(message);
  });

  it('refuses bad paging parameters', async () => {
    for (const q of ['after=-1', 'after=abc', 'limit=0', 'limit=100000']) {
      const res = await changes(q);
      expect(res.status, q).toBe(400);
    }
  });

  it('refuses a missing or wrong token, and ingest by any token but the ingest feed\'s (the chair\'s too)', async () => {
    expect((await fetch(`${hub.url}/api/v1/changes`)).status).toBe(401);
    expect((await changes('', 'nope-nope-nope-nope')).status).toBe(401);
    const [rec] = generateTickets(1, { now: NOW, seed: 4 });
    expect((await post(rec, station(RENGGANG))).status).toBe(403);
    expect((await post(rec, viewer())).status).toBe(403);
    expect((await post(rec, chair())).status).toBe(403);
    expect((await post(rec)).status).toBe(200);
  });

  it('shows a station only the tickets of its own sub-district', async () => {
    const recs = generateTickets(300, { now: NOW, seed: 5 });
    await hub.ingest(recs);
    const page = await (await changes('after=0&limit=10000', station(RENGGANG))).json();
    const mine = recs.filter((r) => r.ticket.subDistrictCode === RENGGANG);
    expect(mine.length).toBeGreaterThan(5);
    expect(page.changes.map((c: { ticket: { ticketNo: string } }) => c.ticket.ticketNo).sort()).toEqual(mine.map((r) => r.ticket.ticketNo).sort());
  });
});

describe('requests that must not stop the hub', () => {
  it('answers `GET //`, `*`, absolute and broken targets with 400 and keeps serving', async () => {
    for (const target of ['//', '//api/v1/health', '*', 'http://evil/api/v1/health', '/%', '/api/v1/%zz']) {
      const res = await rawExchange(hub.port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(res.status, target).toBeGreaterThanOrEqual(400);
      expect(res.status, target).toBeLessThan(500);
    }
    const broken = await rawExchange(hub.port, 'GARBAGE\r\n\r\n');
    expect(broken.status).toBe(400);
    expect(await (await fetch(`${hub.url}/api/v1/health`)).json()).toMatchObject({ ok: true });
  });
});

describe('hub realtime', () => {
  it('refuses a socket without a valid token', async () => {
    await expect(connect('wrong-token-wrong-token')).rejects.toThrow(/unauthorized/);
  });

  it('pushes each change with prevSeq so a client can tell a gap', async () => {
    await hub.ingest(generateTickets(2, { now: NOW, seed: 6 }));
    const s = await connect(viewer());
    const got: ChangePush[] = [];
    const two = new Promise<void>((resolve) => s.on('change', (c: ChangePush) => got.push(c) === 2 && resolve()));
    await hub.ingest(generateTickets(2, { now: NOW, seed: 7, startIndex: 100 }));
    await two;
    expect(got.map((c) => [c.prevSeq, c.seq])).toEqual([
      [2, 3],
      [3, 4],
    ]);
    s.close();
  });

  it('applies an action once per id and answers a repeat with the original result', async () => {
    const [rec] = generateTickets(1, { now: NOW, seed: 8, spanMs: 0 });
    await hub.ingest([rec!]);
    const s = await connect(chair());
    const action = { id: randomUUID(), kind: 'comment', ticketNo: rec!.ticket.ticketNo, note: '请任港街道核实' };
    const first: ActionAck = await s.emitWithAck('action', action);
    const again: ActionAck = await s.emitWithAck('action', action);
    expect(first).toEqual({ ok: true, seq: 2, duplicate: false });
    expect(again).toEqual({ ok: true, seq: 2, duplicate: true });
    const stored = JSON.parse((await hub.store.getBody(rec!.ticket.ticketNo))!);
    expect(stored.timeline.filter((e: { kind: string }) => e.kind === 'commented')).toEqual([{ at: NOW, kind: 'commented', actor: '区指挥中心', note: '请任港街道核实' }]);
    s.close();
  });

  it('enforces roles: a viewer cannot act, a station only on its own tickets and only station steps', async () => {
    const recs = generateTickets(200, { now: NOW, seed: 9 });
    await hub.ingest(recs);
    const mine = recs.find((r) => r.ticket.subDistrictCode === RENGGANG && r.ticket.status === 'dispatched')!;
    const other = recs.find((r) => r.ticket.subDistrictCode !== RENGGANG)!;
    const v = await connect(viewer());
    const st = await connect(station(RENGGANG));
    const ack = (s: Socket, a: object): Promise<ActionAck> => s.emitWithAck('action', { id: randomUUID(), ...a });
    expect(await ack(v, { kind: 'comment', ticketNo: mine.ticket.ticketNo, note: 'x' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await ack(st, { kind: 'comment', ticketNo: other.ticket.ticketNo, note: 'x' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await ack(st, { kind: 'status', ticketNo: mine.ticket.ticketNo, to: 'closed', satisfaction: 'satisfied' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await ack(st, { kind: 'status', ticketNo: mine.ticket.ticketNo, to: 'accepted' })).toMatchObject({ ok: true });
    expect(await ack(st, { kind: 'status', ticketNo: mine.ticket.ticketNo, to: 'closed' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await ack(st, { kind: 'status', ticketNo: mine.ticket.ticketNo, to: 'received' })).toMatchObject({ ok: false });
    expect(await ack(st, { kind: 'status', ticketNo: 'NOPE-404', to: 'accepted' })).toMatchObject({ ok: false, error: { code: 'notFound' } });
    expect(await ack(st, { kind: 'launch' })).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    const stored = JSON.parse((await hub.store.getBody(mine.ticket.ticketNo))!);
    expect(stored.ticket).toMatchObject({ status: 'accepted', handlingUnit: '任港街道' });
    v.close();
    st.close();
  });

  it('refuses an illegal status change with the reason (conflict)', async () => {
    const rec = generateTickets(100, { now: NOW, seed: 10 }).find((r) => r.ticket.status === 'closed')!;
    await hub.ingest([rec]);
    const s = await connect(chair());
    const ack: ActionAck = await s.emitWithAck('action', { id: randomUUID(), kind: 'status', ticketNo: rec.ticket.ticketNo, to: 'onSite' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('illegalTransition') } });
    s.close();
  });
});
