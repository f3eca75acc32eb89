/**
 * Meetings at the hub, over real sockets: the chair runs a meeting, invited stations see it and answer,
 * every operation is authorised (a station cannot chair or act for another sub-district, a viewer cannot
 * act), repeats are applied once, decisions reach the ticket and the meeting, and a meeting outlives a
 * hub restart.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketRecord } from '../shared/domain/ticket';
import { generateTickets } from './demo/ticket-generator';
import { generateTokens } from './auth';
import { startHub, type Hub } from './hub-server';
import { connectMeetingClient, type MeetingClient } from '../test/support/meeting-client';

const NOW = Date.UTC(2026, 10, 23, 3);
const RENGGANG = '320613003';
const CHENGDONG = '320613001';
const XINGFU = '320613021';
let hub: Hub;
let dir: string;
let tokens: ReturnType<typeof generateTokens>;
const sockets: Socket[] = [];
const token = (role: 'chair' | 'viewer' | string) => tokens.find((t) => (role === 'chair' || role === 'viewer' ? t.role === role : t.stationCode === role))!.token;

type Client = MeetingClient;

async function connect(who: string): Promise<Client> {
  const c = await connectMeetingClient(hub.url, token(who));
  sockets.push(c.socket);
  return c;
}

let tickets: TicketRecord[];
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'liandong-meet-'));
  tokens = generateTokens();
  hub = await startHub({ filename: path.join(dir, 'hub.sqlite'), tokens, clock: () => NOW });
  tickets = generateTickets(6, { now: NOW, seed: 5 }).map((r, i) => ({ ...r, ticket: { ...r.ticket, ticketNo: `HARD-${i}`, subDistrictCode: i < 3 ? RENGGANG : CHENGDONG, communityCode: null, status: 'dispatched', whistleLevel: 'difficult' } }));
  await hub.ingest(tickets);
});
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

const meetingId = randomUUID();
const create = (c: Client, id = meetingId) =>
  c.op({ op: 'create', meetingId: id, kind: 'onlineCheck', title: '线上核查点调会', agenda: [{ ticketNo: 'HARD-0', reasons: ['difficult'] }, { ticketNo: 'HARD-3', reasons: ['cross'] }], invitees: { stations: [RENGGANG, CHENGDONG], departments: ['区城管局'], deputies: ['区人大代表 张某'] } });

describe('a dispatch meeting at the hub', () => {
  it('runs a meeting: presence, roll-call, a call answered with 收到, an on-site report, the current item on every screen', async () => {
    const renggang = await connect(RENGGANG);
    const chair = await connect('chair');
    expect(await create(chair)).toEqual({ ok: true, version: 1, duplicate: false });
    // 任港 was connected already: present from the start; 城东 joins later.
    const seen = await renggang.until((m) => m.id === meetingId);
    expect(seen.attendance).toEqual([
      { stationCode: RENGGANG, present: true, joinedAt: NOW, answeredRollCallAt: null },
      { stationCode: CHENGDONG, present: false, joinedAt: null, answeredRollCallAt: null },
    ]);
    const chengdong = await connect(CHENGDONG);
    await chair.until((m) => m.attendance[1]!.present);
    expect((await chengdong.until((m) => m.id === meetingId)).title).toBe('线上核查点调会');

    expect((await chair.op({ op: 'start', meetingId })).ok).toBe(true);
    expect((await chengdong.until((m) => m.current === 0)).agenda[0]!.ticketNo).toBe('HARD-0');
    await chair.op({ op: 'rollCall', meetingId });
    await renggang.until((m) => m.rollCallAt !== null);
    expect((await renggang.op({ op: 'answer', meetingId })).ok).toBe(true);
    expect((await chair.until((m) => m.attendance[0]!.answeredRollCallAt !== null)).attendance[1]!.answeredRollCallAt).toBeNull();

    // 任港街道指挥中心，收到请回复！ — 任港街道收到！
    const callId = randomUUID();
    expect((await chair.op({ id: callId, op: 'call', meetingId, stationCode: RENGGANG, ticketNo: 'HARD-0' })).ok).toBe(true);
    const ringing = await renggang.until((m) => m.calls.some((c) => c.id === callId));
    expect(ringing.calls[0]).toMatchObject({ stationCode: RENGGANG, ticketNo: 'HARD-0', calledAt: NOW, answeredAt: null });
    // Another station cannot answer it.
    expect(await chengdong.op({ op: 'answer', meetingId, callId, note: '收到' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await renggang.op({ op: 'answer', meetingId, callId, note: '任港街道收到！网格员已在现场。' })).ok).toBe(true);
    expect((await chair.until((m) => m.calls[0]!.answeredAt !== null)).calls[0]!.answer).toBe('任港街道收到！网格员已在现场。');

    const photo = 'data:image/png;base64,' + Buffer.from('not really a png').toString('base64');
    expect((await renggang.op({ op: 'report', meetingId, ticketNo: 'HARD-0', note: '网格员已在现场，积水约 20 厘米', photos: [photo] })).ok).toBe(true);
    const reported = await chair.until((m) => m.reports.length === 1);
    expect(reported.reports[0]).toMatchObject({ stationCode: RENGGANG, ticketNo: 'HARD-0', note: '网格员已在现场，积水约 20 厘米' });
    expect(await chair.socket.emitWithAck('meetingPhoto', { meetingId, photoId: reported.reports[0]!.photoIds[0] })).toEqual({ ok: true, dataUrl: photo });

    await chair.op({ op: 'setCurrent', meetingId, index: 1 });
    await Promise.all([renggang.until((m) => m.current === 1), chengdong.until((m) => m.current === 1)]);

    chengdong.socket.close();
    await chair.until((m) => !m.attendance[1]!.present);
  });

  it('refuses what a role may not do, with a clear reason', async () => {
    const chair = await connect('chair');
    const renggang = await connect(RENGGANG);
    const xingfu = await connect(XINGFU);
    const viewer = await connect('viewer');
    expect(await create(renggang)).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('只有区指挥中心') } });
    await create(chair);
    await renggang.until((m) => m.id === meetingId);
    expect(await renggang.op({ op: 'setCurrent', meetingId, index: 1 })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await renggang.op({ op: 'call', meetingId, stationCode: CHENGDONG, ticketNo: 'HARD-3' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await chair.op({ op: 'answer', meetingId })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    // Not invited: sees nothing of it and cannot act in it.
    expect(await xingfu.op({ op: 'report', meetingId, ticketNo: 'HARD-0', note: 'x' })).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('未受邀') } });
    expect(xingfu.mirror.all()).toHaveLength(0);
    expect(await viewer.op({ op: 'start', meetingId })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(viewer.mirror.get(meetingId)).toBeDefined(); // a viewer (the wall) watches
    // Decisions are the chair's; a station cannot lower a whistle, nor touch another sub-district's ticket.
    const decision = { kind: 'decide', ticketNo: 'HARD-0', meetingId, leadDepartment: '区住建局', deadlineAt: NOW + 3 * 86_400_000 } as const;
    expect(await renggang.act(decision)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await viewer.act(decision)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await renggang.act({ kind: 'escalate', ticketNo: 'HARD-0', to: 'key', reason: '已处理' })).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('降哨') } });
    expect(await renggang.act({ kind: 'escalate', ticketNo: 'HARD-3', to: 'difficult', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await chair.op({ op: 'call', meetingId, stationCode: XINGFU, ticketNo: 'HARD-0' })).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    expect(await chair.op({ op: 'start', meetingId: 'not-a-uuid' } as never)).toMatchObject({ ok: false, error: { code: 'badRequest' } });
  });

  it('refuses to call a station that is not on line: 未上线，无法呼叫 instead of a call nobody can hear', async () => {
    const chair = await connect('chair');
    await create(chair);
    expect(await chair.op({ op: 'call', meetingId, stationCode: CHENGDONG, ticketNo: 'HARD-3' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('未上线，无法呼叫') } });
    expect(chair.mirror.get(meetingId)!.calls).toHaveLength(0);
    // On line, the same call rings.
    await connect(CHENGDONG);
    await chair.until((m) => m.attendance[1]!.present);
    expect((await chair.op({ op: 'call', meetingId, stationCode: CHENGDONG, ticketNo: 'HARD-3' })).ok).toBe(true);
  });

  it('adds a ticket to the agenda of a meeting under way: every participant gets it; a repeat, an unknown ticket or a station is refused', async () => {
    const chair = await connect('chair');
    const renggang = await connect(RENGGANG);
    await create(chair);
    await chair.op({ op: 'start', meetingId });
    expect(await chair.op({ op: 'addItem', meetingId, item: { ticketNo: 'HARD-1', reasons: ['chair'] } })).toMatchObject({ ok: true });
    expect((await renggang.until((m) => m.agenda.length === 3)).agenda.map((a) => a.ticketNo)).toEqual(['HARD-0', 'HARD-3', 'HARD-1']);
    expect(await chair.op({ op: 'addItem', meetingId, item: { ticketNo: 'HARD-1', reasons: ['chair'] } })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('已在议程中') } });
    expect(await chair.op({ op: 'addItem', meetingId, item: { ticketNo: 'NOPE-1', reasons: ['chair'] } })).toMatchObject({ ok: false, error: { code: 'notFound' } });
    expect(await renggang.op({ op: 'addItem', meetingId, item: { ticketNo: 'HARD-2', reasons: ['chair'] } })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    // On the agenda, it can be called and made current like the others.
    expect((await chair.op({ op: 'setCurrent', meetingId, index: 2 })).ok).toBe(true);
    expect((await chair.op({ op: 'call', meetingId, stationCode: RENGGANG, ticketNo: 'HARD-1' })).ok).toBe(true);
    expect((await renggang.until((m) => m.calls.length === 1)).calls[0]!.ticketNo).toBe('HARD-1');
  });

  it('applies an operation once per id, records a decision on the ticket and in the meeting, and outlives a hub restart', async () => {
    const chair = await connect('chair');
    await connect(RENGGANG);
    await create(chair);
    await chair.until((m) => m.attendance[0]!.present);
    const callId = randomUUID();
    const call = { id: callId, op: 'call', meetingId, stationCode: RENGGANG, ticketNo: 'HARD-0' } as const;
    const answered = await chair.op(call);
    expect(answered).toEqual({ ok: true, version: expect.any(Number), duplicate: false });
    // A repeat: the first answer, the meeting's version as it said then.
    expect(await chair.op(call)).toEqual({ ...answered, duplicate: true });
    expect((await chair.until((m) => m.calls.length > 0)).calls).toHaveLength(1);

    const decisionId = randomUUID();
    const decide = { id: decisionId, kind: 'decide', ticketNo: 'HARD-0', meetingId, leadDepartment: '区住建局', coDepartments: ['区城管局', '任港街道'], deadlineAt: Date.UTC(2026, 10, 27, 10), supervisor: '区人大代表 张某', responsibility: 'assigned', notes: '一周内完成排水改造' } as const;
    const first = await chair.socket.emitWithAck('action', decide);
    expect(first).toMatchObject({ ok: true, duplicate: false });
    expect(await chair.socket.emitWithAck('action', decide)).toMatchObject({ ok: true, duplicate: true });
    const record = JSON.parse((await hub.store.getBody('HARD-0'))!) as TicketRecord;
    expect(record.ticket).toMatchObject({ leadDepartment: '区住建局', coDepartments: ['区城管局', '任港街道'], handlingUnit: '区住建局', deadlineAt: Date.UTC(2026, 10, 27, 10) });
    expect(record.timeline.filter((e) => e.kind === 'decided').map((e) => e.note)).toEqual(['牵头：区住建局；配合：区城管局、任港街道；期限：2026/11/27；督办：区人大代表 张某；指定负责；一周内完成排水改造']);
    const decided = await chair.until((m) => m.decisions.length > 0);
    expect(decided.decisions).toEqual([{ ticketNo: 'HARD-0', at: NOW, leadDepartment: '区住建局', coDepartments: ['区城管局', '任港街道'], deadlineAt: Date.UTC(2026, 10, 27, 10), supervisor: '区人大代表 张某', responsibility: 'assigned', notes: '一周内完成排水改造' }]);

    // The hub restarts: the meeting is sent again on connecting, and a repeat is still answered once.
    sockets.splice(0).forEach((s) => s.close());
    await hub.close();
    hub = await startHub({ filename: path.join(dir, 'hub.sqlite'), tokens, clock: () => NOW });
    const again = await connect('chair');
    // 任港's link went with the hub: the same meeting, 任港 no longer present.
    expect(await again.until((m) => m.id === meetingId)).toMatchObject({ ...decided, version: expect.any(Number), attendance: [{ ...decided.attendance[0]!, present: false }, decided.attendance[1]!] });
    expect(await again.op(call)).toEqual({ ...answered, duplicate: true });
    expect((await again.socket.emitWithAck('action', decide)).duplicate).toBe(true);
  });

  it('sends each change as a patch to the meeting\'s participants, in order, and rebuilds the meeting after a restart from its snapshot and patches', async () => {
    const chair = await connect('chair');
    const renggang = await connect(RENGGANG);
    await create(chair);
    await renggang.until((m) => m.id === meetingId);
    // 450 calls at once: applied in order in a few stored batches, each reaching the station as one patch.
    const acks = await Promise.all(Array.from({ length: 450 }, () => chair.op({ op: 'call', meetingId, stationCode: RENGGANG, ticketNo: 'HARD-0' })));
    expect(acks.every((a) => a.ok && !a.duplicate)).toBe(true);
    const seen = await renggang.until((m) => m.calls.length === 450);
    expect(renggang.counts).toEqual({ patches: 450, fetches: 0 });
    expect(seen).toEqual(await chair.until((m) => m.version === seen.version));
    expect(seen.version).toBe(1 + 450); // created (任港 present already), the calls

    // Stored whole once the patches since the last snapshot outgrow it (64 kB at least); only later patches are kept.
    const kept = await hub.store.db.selectFrom('hub_meeting_changes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(kept.n)).toBeLessThan(200);
    sockets.splice(0).forEach((s) => s.close());
    await hub.close();
    hub = await startHub({ filename: path.join(dir, 'hub.sqlite'), tokens, clock: () => NOW });
    const again = await connect('chair');
    // 任港 left before the hub stopped, and the hub stored that before closing: the same meeting, one version
    // on, with it absent.
    const back = await again.until((m) => m.id === meetingId);
    expect({ ...back, attendance: seen.attendance, version: seen.version }).toEqual(seen);
    expect(back.version).toBe(seen.version + 1);
    expect(back.attendance.find((a) => a.stationCode === RENGGANG)).toMatchObject({ present: false });
  });
});

