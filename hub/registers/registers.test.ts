/**
 * The supervision registers at the hub, over real sockets: the chair keeps the roster, names a supervisor, a
 * station records its deputy's visit and call-back (on the ticket's timeline too), a suggestion runs 提·交·落·回
 * with a reopen, a letter and a referral are tracked until answered, a fund is spent down to its balance; each
 * operation once per id; a station reads its own sub-district's records and the roster, nothing else.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { TicketRecord } from '../../shared/domain/ticket';
import { HUB_SOCKET_NAMESPACE, type ActionAck } from '../../shared/hub-protocol';
import { RegisterRecord, type RegisterOpInput } from '../../shared/supervision';
import { generateTickets } from '../demo/ticket-generator';
import { generateTokens } from '../auth';
import { startHub, type Hub } from '../hub-server';

const NOW = Date.UTC(2026, 10, 23, 3);
const RENGGANG = '320613003';
const CHENGDONG = '320613001';
let hub: Hub;
let dir: string;
let tokens: ReturnType<typeof generateTokens>;
const sockets: Socket[] = [];
const token = (who: string) => tokens.find((t) => (who === 'chair' || who === 'viewer' ? t.role === who : t.stationCode === who))!.token;

async function connect(who: string) {
  const socket = io(hub.url + HUB_SOCKET_NAMESPACE, { auth: { token: token(who) }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  const hints: number[] = [];
  socket.on('registers', (h: { seq: number }) => hints.push(h.seq));
  await new Promise<void>((resolve, reject) => (socket.once('connect', () => resolve()), socket.once('connect_error', reject)));
  const act = (op: RegisterOpInput, id = randomUUID()): Promise<ActionAck> => socket.emitWithAck('action', { kind: 'register', op, id });
  const records = async () => {
    const a = await socket.emitWithAck('registersSince', { after: 0, limit: 2000 });
    expect(a.ok).toBe(true);
    return (a.changes as { record: unknown }[]).map((c) => RegisterRecord.parse(c.record));
  };
  return { socket, act, records, hints };
}
const ticketOf = async (no: string) => JSON.parse((await hub.store.getBody(no))!) as TicketRecord;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'liandong-reg-'));
  tokens = generateTokens();
  hub = await startHub({ filename: path.join(dir, 'hub.sqlite'), tokens, clock: () => NOW });
  const tickets = generateTickets(4, { now: NOW, seed: 5 }).map((r, i) => ({ ...r, ticket: { ...r.ticket, ticketNo: `HARD-${i}`, subDistrictCode: i < 2 ? RENGGANG : CHENGDONG, communityCode: null, status: 'dispatched' as const, whistleLevel: 'difficult' as const } }));
  await hub.ingest(tickets);
});
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

const deputy = { id: randomUUID(), name: '张建国', role: 'deputy' as const, groups: ['enforcement' as const], subDistrictCode: RENGGANG, phone: '', active: true };

describe('the supervision registers at the hub', () => {
  it('keeps the roster (the chair\'s), a supervisor per ticket and the deputy\'s steps on the ticket\'s timeline', async () => {
    const chair = await connect('chair');
    const renggang = await connect(RENGGANG);
    expect((await renggang.act({ op: 'personSave', person: deputy })).ok).toBe(false);
    expect(await chair.act({ op: 'personSave', person: deputy })).toMatchObject({ ok: true });
    expect(await chair.act({ op: 'supervise', ticketNo: 'HARD-0', supervisor: { type: 'person', id: deputy.id } })).toMatchObject({ ok: true });
    // The station records its deputy's site visit (with a photo) and the call-back; another station cannot.
    const photo = 'data:image/png;base64,iVBORw0KGgo=';
    const visit = { op: 'visit' as const, ticketNo: 'HARD-0', stepId: randomUUID(), personId: deputy.id, notes: '现场查看墙体裂缝', photos: [photo] };
    const chengdong = await connect(CHENGDONG);
    expect(await chengdong.act(visit)).toMatchObject({ ok: false, error: { reason: 'otherSubDistrict' } });
    const id = randomUUID();
    expect(await renggang.act(visit, id)).toMatchObject({ ok: true, duplicate: false });
    expect(await renggang.act(visit, id)).toMatchObject({ ok: true, duplicate: true });
    expect(await renggang.act({ op: 'callBack', ticketNo: 'HARD-0', stepId: randomUUID(), personId: deputy.id, satisfaction: 'satisfied', notes: '居民表示满意' })).toMatchObject({ ok: true });
    const timeline = (await ticketOf('HARD-0')).timeline.slice(-3);
    expect(timeline.map((e) => e.kind)).toEqual(['supervised', 'siteVisited', 'deputyCalledBack']);
    expect(timeline[1]!.note).toContain('张建国');
    const sup = (await renggang.records()).find((r) => r.kind === 'supervision')!;
    expect(sup).toMatchObject({ id: 'HARD-0', supervisor: { type: 'person', id: deputy.id } });
    if (sup.kind !== 'supervision') throw new Error('not a supervision');
    expect(sup.steps.map((s) => s.type)).toEqual(['visit', 'callBack']);
    expect(await renggang.socket.emitWithAck('registerPhoto', { id: sup.steps[0]!.photoIds[0] })).toEqual({ ok: true, dataUrl: photo });
    expect(await chengdong.socket.emitWithAck('registerPhoto', { id: sup.steps[0]!.photoIds[0] })).toMatchObject({ ok: false });
    // A ticket with no supervisor takes no steps.
    expect(await renggang.act({ ...visit, ticketNo: 'HARD-1', stepId: randomUUID() })).toMatchObject({ ok: false, error: { reason: 'notSupervised' } });
  });

  it('runs a deputy\'s suggestion through 提·交·落·回, 不满意 sending it back to 交', async () => {
    const chair = await connect('chair');
    const renggang = await connect(RENGGANG);
    await chair.act({ op: 'personSave', person: deputy });
    const id = randomUUID();
    expect(await renggang.act({ op: 'suggestionSubmit', id, deputyId: deputy.id, title: '老旧小区加装电梯', content: '居民反映…' })).toMatchObject({ ok: true });
    expect(await renggang.act({ op: 'suggestionDone', id, report: '已完成' })).toMatchObject({ ok: false, error: { reason: 'suggestionStage' } });
    // A deadline already past is refused with its reason, and the suggestion stays at 提.
    expect(await renggang.act({ op: 'suggestionAssign', id, leadUnit: '区住建局', deadlineAt: NOW - 86_400_000 })).toMatchObject({ ok: false, error: { code: 'badRequest', reason: 'deadlinePassed' } });
    expect((await chair.records()).find((r) => r.kind === 'suggestion')).toMatchObject({ stage: 'submitted' });
    expect(await renggang.act({ op: 'suggestionAssign', id, leadUnit: '区住建局', deadlineAt: NOW + 30 * 86_400_000 })).toMatchObject({ ok: true });
    expect(await renggang.act({ op: 'suggestionDone', id, report: '已完成方案设计' })).toMatchObject({ ok: true });
    expect(await renggang.act({ op: 'suggestionAnswer', id, evaluation: 'unsatisfied', note: '进度太慢' })).toMatchObject({ ok: true });
    let s = (await chair.records()).find((r) => r.kind === 'suggestion')!;
    expect(s).toMatchObject({ stage: 'assigned', evaluation: 'unsatisfied', subDistrictCode: RENGGANG, leadUnit: '区住建局' });
    await renggang.act({ op: 'suggestionDone', id, report: '已开工' });
    await renggang.act({ op: 'suggestionAnswer', id, evaluation: 'satisfied' });
    s = (await chair.records()).find((r) => r.kind === 'suggestion')!;
    if (s.kind !== 'suggestion') throw new Error('not a suggestion');
    expect(s.stage).toBe('answered');
    expect(s.history.map((h) => h.stage)).toEqual(['submitted', 'assigned', 'done', 'answered', 'assigned', 'done', 'answered']);
    // Another station sees neither the suggestion nor its hint; it sees the roster.
    const chengdong = await connect(CHENGDONG);
    expect((await chengdong.records()).map((r) => r.kind)).toEqual(['person']);
  });

  it('numbers letters by year and tracks them until the reply; a referral until its answer; a fund to its balance', async () => {
    const chair = await connect('chair');
    const renggang = await connect(RENGGANG);
    const evidence = [{ ticketNo: 'HARD-0', summary: '墙体开裂', why: 'returned' as const, at: NOW - 86_400_000, reason: '不属于本单位' }];
    const letter = { op: 'letterIssue' as const, id: randomUUID(), unit: '区住建局', subDistrictCode: RENGGANG, tickets: evidence, requirement: '限期整改', replyDueAt: NOW + 7 * 86_400_000 };
    // A reply deadline before the letter's own date is refused.
    expect(await chair.act({ ...letter, id: randomUUID(), replyDueAt: NOW - 86_400_000 })).toMatchObject({ ok: false, error: { reason: 'deadlinePassed' } });
    expect(await renggang.act(letter)).toMatchObject({ ok: false, error: { reason: 'chairOnly' } });
    await chair.act(letter);
    await chair.act({ ...letter, id: randomUUID() });
    const letters = (await chair.records()).filter((r) => r.kind === 'letter');
    expect(letters.map((l) => l.kind === 'letter' && l.number)).toEqual(['督查〔2026〕1号', '督查〔2026〕2号']);
    expect(await renggang.act({ op: 'letterReply', id: letter.id, reply: '已整改' })).toMatchObject({ ok: true });
    expect(await renggang.act({ op: 'letterReply', id: letter.id, reply: '再次' })).toMatchObject({ ok: false, error: { reason: 'letterReplied' } });
    const rid = randomUUID();
    await chair.act({ op: 'referralSend', id: rid, unit: '区住建局', office: 'discipline', grounds: 'arbitraryReturns', evidence });
    expect(await chair.act({ op: 'referralAnswer', id: rid, answer: '已约谈' })).toMatchObject({ ok: true });
    // 应急包: 50万元, 8万元 taken at once; no more than the balance.
    expect(await renggang.act({ op: 'fundSpend', subDistrictCode: RENGGANG, spendId: randomUUID(), ticketNo: 'HARD-0', amount: 80_000, purpose: '墙体裂缝抢修' })).toMatchObject({ ok: false, error: { reason: 'noFund' } });
    await chair.act({ op: 'fundSet', subDistrictCode: RENGGANG, amount: 500_000 });
    expect(await renggang.act({ op: 'fundSpend', subDistrictCode: RENGGANG, spendId: randomUUID(), ticketNo: 'HARD-0', amount: 80_000, purpose: '墙体裂缝抢修' })).toMatchObject({ ok: true });
    expect(await renggang.act({ op: 'fundSpend', subDistrictCode: RENGGANG, spendId: randomUUID(), ticketNo: 'HARD-1', amount: 420_001, purpose: '超额' })).toMatchObject({ ok: false, error: { reason: 'fundInsufficient', params: { balance: 420_000 } } });
    expect(await renggang.act({ op: 'fundSpend', subDistrictCode: RENGGANG, spendId: randomUUID(), ticketNo: 'HARD-2', amount: 1, purpose: '别的街道的工单' })).toMatchObject({ ok: false, error: { reason: 'ticketOtherSubDistrict' } });
    expect(await chair.act({ op: 'fundSet', subDistrictCode: RENGGANG, amount: 50_000 })).toMatchObject({ ok: false, error: { reason: 'fundBelowSpent' } });
    expect((await ticketOf('HARD-0')).timeline.at(-1)).toMatchObject({ kind: 'fundSpent', note: expect.stringContaining('¥80,000') });
    // The station was told of each of its records as it changed.
    expect(renggang.hints.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses what cannot be applied: bad input, a viewer, an unknown deputy', async () => {
    const viewer = await connect('viewer');
    expect(await viewer.act({ op: 'fundSet', subDistrictCode: RENGGANG, amount: 1 })).toMatchObject({ ok: false, error: { reason: 'roleCannotAct' } });
    const chair = await connect('chair');
    expect(await chair.socket.emitWithAck('action', { kind: 'register', id: randomUUID(), op: { op: 'fundSet', subDistrictCode: 'x', amount: -1 } })).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    expect(await chair.act({ op: 'suggestionSubmit', id: randomUUID(), deputyId: randomUUID(), title: '无此代表' })).toMatchObject({ ok: false, error: { reason: 'notADeputy' } });
    expect(await chair.act({ op: 'supervise', ticketNo: 'HARD-0', supervisor: { type: 'person', id: randomUUID() } })).toMatchObject({ ok: false, error: { reason: 'notOnRoster' } });
    expect(await chair.act({ op: 'supervise', ticketNo: 'NOPE-1', supervisor: { type: 'group', group: 'special' } })).toMatchObject({ ok: false, error: { reason: 'ticketNotFound' } });
  });

  it('keeps district-wide letters and referrals from every station (they name other sub-districts\' tickets)', async () => {
    const chair = await connect('chair');
    const evidence = [{ ticketNo: 'HARD-2', summary: '城东的墙体开裂', why: 'returned' as const, at: NOW - 86_400_000, reason: '不属于本单位' }];
    await chair.act({ op: 'referralSend', id: randomUUID(), unit: '区住建局', office: 'discipline', grounds: 'arbitraryReturns', evidence });
    const letter = randomUUID();
    await chair.act({ op: 'letterIssue', id: letter, unit: '区住建局', tickets: evidence, requirement: '限期整改', replyDueAt: NOW + 1 });
    const renggang = await connect(RENGGANG);
    expect(await renggang.records()).toEqual([]);
    expect(renggang.hints).toEqual([]);
    expect(await renggang.act({ op: 'letterReply', id: letter, reply: '不是我们的' })).toMatchObject({ ok: false, error: { reason: 'otherSubDistrict' } });
    expect((await chair.records()).map((r) => r.kind).sort()).toEqual(['letter', 'referral']);
  });

  it('refuses, never fails on, what would break a record: a step id used before, a ticket\'s steps at their limit', async () => {
    const chair = await connect('chair');
    await chair.act({ op: 'personSave', person: deputy });
    await chair.act({ op: 'supervise', ticketNo: 'HARD-0', supervisor: { type: 'person', id: deputy.id } });
    await chair.act({ op: 'supervise', ticketNo: 'HARD-1', supervisor: { type: 'person', id: deputy.id } });
    const stepId = randomUUID();
    const photo = 'data:image/png;base64,iVBORw0KGgo=';
    expect(await chair.act({ op: 'visit', ticketNo: 'HARD-0', stepId, personId: deputy.id, notes: 'a', photos: [photo] })).toMatchObject({ ok: true });
    expect(await chair.act({ op: 'visit', ticketNo: 'HARD-1', stepId, personId: deputy.id, notes: 'b', photos: [photo] })).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'stepRecorded' } });
    // A suggestion assigned again and again keeps its last hundred steps.
    const id = randomUUID();
    await chair.act({ op: 'suggestionSubmit', id, deputyId: deputy.id, title: 't' });
    for (let i = 0; i < 101; i++) expect(await chair.act({ op: 'suggestionAssign', id, leadUnit: `u${i}`, deadlineAt: NOW + 1 })).toMatchObject({ ok: true });
    // 199 more steps on HARD-0 fill its supervision (200); the next is refused with a reason, not an internal error.
    for (let i = 0; i < 199; i++) await chair.act({ op: 'callBack', ticketNo: 'HARD-0', stepId: randomUUID(), personId: deputy.id, satisfaction: 'satisfied' });
    expect(await chair.act({ op: 'callBack', ticketNo: 'HARD-0', stepId: randomUUID(), personId: deputy.id, satisfaction: 'satisfied' })).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'recordWouldBeInvalid' } });
  });
});
