/**
 * What the hub refuses, and how: every request answered (unknown events, messages without an
 * acknowledgement), no stored result that a console would refuse, every documented limit one the
 * transport carries, a reused id with another payload a conflict, a re-ingest that keeps Liandong's steps.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubRefusal } from '../shared/hub-protocol';
import type { TicketRecord } from '../shared/domain/ticket';
import { connectMeetingClient, type MeetingClient } from '../test/support/meeting-client';
import { generateTickets } from './demo/ticket-generator';
import { generateTokens } from './auth';
import { startHub, type Hub } from './hub-server';

const NOW = Date.UTC(2026, 10, 23, 3);
const RENGGANG = '320613003';
let hub: Hub;
let tokens: ReturnType<typeof generateTokens>;
const sockets: Socket[] = [];
let rec: TicketRecord;

const tokenOf = (who: 'chair' | 'ingest' | string) => tokens.find((t) => (who === 'chair' || who === 'ingest' ? t.role === who : t.stationCode === who))!.token;
async function connect(who: 'chair' | string): Promise<MeetingClient> {
  const c = await connectMeetingClient(hub.url, tokenOf(who));
  sockets.push(c.socket);
  return c;
}
const stored = async (no: string): Promise<TicketRecord> => JSON.parse((await hub.store.getBody(no))!);
const post = (body: unknown) =>
  fetch(`${hub.url}/api/v1/tickets`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokenOf('ingest')}` }, body: JSON.stringify(body) });

beforeEach(async () => {
  tokens = generateTokens();
  hub = await startHub({ filename: ':memory:', tokens, clock: () => NOW, log: () => undefined });
  const [g] = generateTickets(1, { now: NOW, seed: 41, spanMs: 0 });
  rec = { ...g!, ticket: { ...g!.ticket, subDistrictCode: RENGGANG, communityCode: null, status: 'dispatched' } };
  await hub.ingest([rec!]);
});
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await hub.close();
});

describe('the hub refuses what consoles could not take', () => {
  it('refuses the step after the timeline limit (500) instead of storing a record every console quarantines', async () => {
    const chair = await connect('chair');
    const room = 500 - rec.timeline.length;
    for (let i = 0; i < room; i++) expect(await chair.act({ kind: 'comment', ticketNo: rec.ticket.ticketNo, note: `第 ${i} 条` })).toMatchObject({ ok: true });
    const over = await chair.act({ kind: 'comment', ticketNo: rec.ticket.ticketNo, note: '第 501 条' });
    expect(over).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('timeline') } });
    expect((await stored(rec.ticket.ticketNo)).timeline).toHaveLength(500);
  });

  it('answers a reused id with another payload as a conflict, and a true repeat as a duplicate', async () => {
    const chair = await connect('chair');
    const id = randomUUID();
    const first = await chair.socket.emitWithAck('action', { id, kind: 'comment', ticketNo: rec.ticket.ticketNo, note: '请核实' });
    expect(first).toMatchObject({ ok: true, duplicate: false });
    expect(await chair.socket.emitWithAck('action', { id, kind: 'comment', ticketNo: rec.ticket.ticketNo, note: '请核实' })).toMatchObject({ ok: true, duplicate: true });
    expect(await chair.socket.emitWithAck('action', { id, kind: 'comment', ticketNo: rec.ticket.ticketNo, note: '别的内容' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const meetingOp = { id: randomUUID(), op: 'create', meetingId: randomUUID(), kind: 'onlineCheck', title: '会商', agenda: [{ ticketNo: rec.ticket.ticketNo, reasons: ['chair'] }], invitees: { stations: [RENGGANG], departments: [], deputies: [] } };
    expect(await chair.socket.emitWithAck('meeting', meetingOp)).toMatchObject({ ok: true, duplicate: false });
    expect(await chair.socket.emitWithAck('meeting', { ...meetingOp, title: '另一个' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses a decision for an unknown meeting, a ticket not on its agenda, or a meeting that ended', async () => {
    const [other] = generateTickets(1, { now: NOW, seed: 42, spanMs: 0, startIndex: 7 });
    await hub.ingest([other!]);
    const chair = await connect('chair');
    const decide = (meetingId: string, ticketNo = rec.ticket.ticketNo) => chair.act({ kind: 'decide', ticketNo, meetingId, leadDepartment: '区住建局', deadlineAt: NOW + 86_400_000 });
    expect(await decide(randomUUID())).toMatchObject({ ok: false, error: { code: 'notFound' } });
    const meetingId = randomUUID();
    await chair.op({ op: 'create', meetingId, kind: 'onlineCheck', title: '会商', agenda: [{ ticketNo: rec.ticket.ticketNo, reasons: ['chair'] }], invitees: { stations: [RENGGANG], departments: [], deputies: [] } });
    expect(await decide(meetingId, other!.ticket.ticketNo)).toMatchObject({ ok: false, error: { code: 'badRequest', message: expect.stringContaining('议程') } });
    expect(await chair.op({ op: 'end', meetingId })).toMatchObject({ ok: true });
    expect(await decide(meetingId)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await stored(rec.ticket.ticketNo)).timeline.some((e) => e.kind === 'decided')).toBe(false);
  });

  it('refuses an agenda naming tickets or stations that do not exist', async () => {
    const chair = await connect('chair');
    const create = (agenda: string[], stations: string[]) =>
      chair.op({ op: 'create', meetingId: randomUUID(), kind: 'onlineCheck', title: '会商', agenda: agenda.map((ticketNo) => ({ ticketNo, reasons: [] })), invitees: { stations, departments: [], deputies: [] } });
    expect(await create(['NOPE-1'], [RENGGANG])).toMatchObject({ ok: false, error: { code: 'notFound', message: expect.stringContaining('NOPE-1') } });
    expect(await create([rec.ticket.ticketNo], ['320613999'])).toMatchObject({ ok: false, error: { code: 'badRequest', message: expect.stringContaining('invitees.stations.0') } });
  });

  it('refuses at ingest a sub-district or community that is not the district\'s, naming the field (one record alone too)', async () => {
    const [r] = generateTickets(1, { now: NOW, seed: 43, startIndex: 9 });
    const bad = { ...r!, ticket: { ...r!.ticket, subDistrictCode: '12' } };
    const batch = await (await post({ records: [bad] })).json();
    expect(batch.rejected[0].error).toContain('ticket.subDistrictCode');
    const alone = await post(bad);
    expect(alone.status).toBe(400);
    expect(JSON.stringify(await alone.json())).toContain('ticket.subDistrictCode');
    const wrongType = await post({ ...r!, ticket: { ...r!.ticket, lat: 'north' } });
    expect(wrongType.status).toBe(400);
    expect((await wrongType.json()).error.message).toContain('ticket.lat');
  });
});

describe('every message gets an answer', () => {
  it('answers unknown events and messages sent without an acknowledgement', async () => {
    const chair = await connect('chair');
    expect(await chair.socket.emitWithAck('launchMissiles', { x: 1 })).toMatchObject({ ok: false, error: { code: 'badRequest', message: expect.stringContaining('launchMissiles') } });
    const refused = new Promise<HubRefusal>((resolve) => chair.socket.once('refused', resolve));
    chair.socket.emit('action', { id: randomUUID(), kind: 'comment', ticketNo: rec.ticket.ticketNo, note: '无回执' });
    expect(await refused).toMatchObject({ event: 'action', error: { code: 'badRequest' } });
    const refusedUnknown = new Promise<HubRefusal>((resolve) => chair.socket.once('refused', resolve));
    chair.socket.emit('nothing');
    expect(await refusedUnknown).toMatchObject({ event: 'nothing' });
    // Nothing of the unanswerable action was applied.
    expect((await stored(rec.ticket.ticketNo)).timeline.some((e) => e.note === '无回执')).toBe(false);
  });

  it('answers a site report with 4 photos of 290 kB (the documented limit fits a frame)', async () => {
    const chair = await connect('chair');
    const station = await connect(RENGGANG);
    const meetingId = randomUUID();
    await chair.op({ op: 'create', meetingId, kind: 'onlineCheck', title: '会商', agenda: [{ ticketNo: rec.ticket.ticketNo, reasons: ['chair'] }], invitees: { stations: [RENGGANG], departments: [], deputies: [] } });
    const photo = `data:image/jpeg;base64,${Buffer.alloc(290_000, 7).toString('base64')}`;
    const ack = await station.op({ op: 'report', meetingId, ticketNo: rec.ticket.ticketNo, note: '网格员已在现场', photos: [photo, photo, photo, photo] });
    expect(ack).toMatchObject({ ok: true });
    const m = await chair.until((x) => x.id === meetingId && x.reports.length === 1);
    expect(m.reports[0]!.photoIds).toHaveLength(4);
  });
});

describe('re-ingest merges', () => {
  it('keeps the steps taken at the hub when the source sends the ticket again with a changed status', async () => {
    const chair = await connect('chair');
    const station = await connect(RENGGANG);
    for (const note of ['请任港街道核实', '已联系物业', '明日复查', '居民已知悉']) expect(await chair.act({ kind: 'comment', ticketNo: rec.ticket.ticketNo, note })).toMatchObject({ ok: true });
    expect(await station.act({ kind: 'acknowledge', ticketNo: rec.ticket.ticketNo })).toMatchObject({ ok: true });
    expect(await chair.act({ kind: 'escalate', ticketNo: rec.ticket.ticketNo, to: 'difficult', reason: '三次退单' })).toMatchObject({ ok: true });
    const before = await stored(rec.ticket.ticketNo);
    // The source sends its own view again: status moved on, one step of its own added, none of ours.
    const fromSource: TicketRecord = {
      ticket: { ...rec.ticket, status: 'accepted', updatedAt: NOW - 1000 },
      timeline: [...rec.timeline, { at: NOW - 1000, kind: 'accepted', actor: '任港街道', note: '平台签收' }],
    };
    expect(await (await post(fromSource)).json()).toMatchObject({ accepted: 1, changed: 1 });
    const after = await stored(rec.ticket.ticketNo);
    expect(after.ticket.status).toBe('accepted');
    expect(after.ticket.whistleLevel).toBe('difficult'); // escalated at the hub; the source does not know
    for (const step of before.timeline) expect(after.timeline).toContainEqual(step);
    expect(after.timeline).toContainEqual({ at: NOW - 1000, kind: 'accepted', actor: '任港街道', note: '平台签收' });
    expect(after.timeline.map((e) => e.at)).toEqual([...after.timeline.map((e) => e.at)].sort((a, b) => a - b));
    // The same again changes nothing.
    expect(await (await post(fromSource)).json()).toMatchObject({ changed: 0, unchanged: 1 });
    // A station's later status step stands against a stale re-send: the ticket agrees with its timeline.
    expect(await station.act({ kind: 'status', ticketNo: rec.ticket.ticketNo, to: 'onSite' })).toMatchObject({ ok: true });
    expect(await (await post({ ...fromSource, ticket: { ...fromSource.ticket, summary: `${fromSource.ticket.summary}（补充）` } })).json()).toMatchObject({ changed: 1 });
    const later = await stored(rec.ticket.ticketNo);
    expect(later.ticket.status).toBe('onSite');
    expect(later.ticket.summary).toContain('（补充）');
    expect(later.timeline.at(-1)).toMatchObject({ kind: 'onSite' });
  });
});
