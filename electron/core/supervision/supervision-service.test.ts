/**
 * 督办 between consoles, through the embedded hub: the chair's console keeps the roster and names a supervisor;
 * a station's console records its deputy's visit and call-back and enters a suggestion — each through the
 * outbox — and both consoles hold the same registers, the station only its own sub-district's. The board tells
 * overdue tickets from closed loops; a 督查意见书 is written as PDF and reads back in Chinese.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { liandongContract } from '../../../shared/contract';
import { createClient } from '../../../shared/rpc/client';
import { connectInMemory } from '../../../shared/rpc/memory-transport';
import { readConfig } from '../config';
import { startConsoleService, type ConsoleService } from '../console-service';
import { findCjkFont } from '../meetings/minutes-file';
import { boardOrder, supervisedState } from './supervision-service';
import type { Supervision } from '../../../shared/supervision';
import type { TicketRecord } from '../../../shared/domain/ticket';
import { generateTickets } from '../../../hub/demo/ticket-generator';

const RESOURCES = path.resolve(__dirname, '../../../resources');
const XINCHENGQIAO = '320613004';
const running: ConsoleService[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of running.splice(0).reverse()) await s.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const delivered = async (c: ReturnType<typeof client>, id: string) =>
  expect.poll(async () => (await c.call('actions.list', { limit: 50 })).items.find((i) => i.id === id)?.state, { timeout: 20_000 }).toBe('delivered');
const client = (s: ConsoleService) => createClient(liandongContract, connectInMemory(s.server));

describe('督办 across the chair and a station', () => {
  it('keeps the roster, supervisors, steps and suggestions at the hub, each console holding what it may see', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'liandong-supervision-'));
    dirs.push(base);
    const chairService = await startConsoleService({ config: readConfig({ LIANDONG_DEMO_RATE: '0' }, { dataDir: path.join(base, 'chair') }), resourcesDir: RESOURCES, host: 'webhost', version: 'test' });
    running.push(chairService);
    const env = Object.fromEntries([...chairService.embedded!.stationCommand(XINCHENGQIAO).matchAll(/(LIANDONG_\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
    const stationService = await startConsoleService({ config: readConfig({ ...env, LIANDONG_DEMO_RATE: '0' }, { dataDir: '/unused' }), resourcesDir: RESOURCES, host: 'webhost', version: 'test' });
    running.push(stationService);
    const chair = client(chairService);
    const station = client(stationService);
    await expect.poll(async () => (await station.call('tickets.counts', {})).total, { timeout: 30_000 }).toBeGreaterThan(0);
    const { items } = await station.call('tickets.list', { limit: 5 });
    const ticketNo = items.find((t) => t.status !== 'closed')!.ticketNo;

    const deputy = { id: randomUUID(), name: '李秀英', role: 'deputy' as const, groups: ['livelihood' as const], subDistrictCode: XINCHENGQIAO };
    await delivered(chair, (await chair.call('supervision.submit', { op: 'personSave', person: deputy })).id);
    await delivered(chair, (await chair.call('supervision.submit', { op: 'supervise', ticketNo, supervisor: { type: 'person', id: deputy.id } })).id);
    // The station sees the roster and the supervised ticket, and records the deputy's steps.
    await expect.poll(async () => (await station.call('supervision.registers', {})).supervised.map((s) => s.id), { timeout: 20_000 }).toEqual([ticketNo]);
    await delivered(station, (await station.call('supervision.submit', { op: 'visit', ticketNo, stepId: randomUUID(), personId: deputy.id, notes: '现场查看' })).id);
    await delivered(station, (await station.call('supervision.submit', { op: 'callBack', ticketNo, stepId: randomUUID(), personId: deputy.id, satisfaction: 'basicallySatisfied' })).id);
    const sid = randomUUID();
    await delivered(station, (await station.call('supervision.submit', { op: 'suggestionSubmit', id: sid, deputyId: deputy.id, title: '增设公交站台' })).id);

    await expect.poll(async () => (await chair.call('supervision.registers', {})).suggestions.map((s) => [s.title, s.subDistrictCode, s.stage]), { timeout: 20_000 }).toEqual([['增设公交站台', XINCHENGQIAO, 'submitted']]);
    const atChair = await chair.call('supervision.registers', {});
    expect(atChair.people.map((p) => p.name)).toEqual(['李秀英']);
    expect(atChair.supervised[0]!.steps.map((s) => s.type)).toEqual(['visit', 'callBack']);
    // The deputy's steps are on the ticket's timeline at both consoles.
    await expect.poll(async () => (await station.call('tickets.get', { ticketNo }))?.timeline.map((e) => e.kind).slice(-3), { timeout: 20_000 }).toEqual(['supervised', 'siteVisited', 'deputyCalledBack']);

    // A refusal comes back to the outbox with its reason: a station cannot edit the roster.
    const refused = await station.call('supervision.submit', { op: 'personSave', person: { ...deputy, name: '改名' } });
    await expect.poll(async () => (await station.call('actions.list', { limit: 50 })).items.find((i) => i.id === refused.id)?.refusal?.reason, { timeout: 20_000 }).toBe('chairOnly');
  });
});

describe('units for a letter or a referral', () => {
  it('lists every unit with an overdue ticket or a return — one with overdue tickets and no return too — most first', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'liandong-units-'));
    dirs.push(base);
    const service = await startConsoleService({ config: readConfig({ LIANDONG_DEMO_RATE: '0' }, { dataDir: base }), resourcesDir: RESOURCES, host: 'webhost', version: 'test' });
    running.push(service);
    const now = Date.now();
    const hub = service.embedded!.hub;
    const [a, b, c] = generateTickets(3, { now, seed: 77, startIndex: 990_000 });
    const rec = (r: TicketRecord, unit: string, patch: Partial<TicketRecord['ticket']>, timeline: TicketRecord['timeline'] = r.timeline): TicketRecord => ({ ticket: { ...r.ticket, handlingUnit: unit, ...patch }, timeline });
    const step = (at: number, kind: TicketRecord['timeline'][number]['kind'], actor: string, note: string) => ({ at, kind, actor, note });
    await hub.ingest([
      // Two tickets overdue at 测试水务, never returned.
      rec(a!, '测试水务', { status: 'dispatched', deadlineAt: now - 86_400_000, updatedAt: now - 3_600_000 }),
      rec(b!, '测试水务', { status: 'accepted', deadlineAt: now - 3_600_000, updatedAt: now - 3_600_000 }),
      // One returned by 测试住建 ten days ago and dispatched back to it (arbitrary); not overdue.
      rec(c!, '测试住建', { status: 'dispatched', deadlineAt: now + 5 * 86_400_000, updatedAt: now - 9 * 86_400_000 }, [
        step(now - 11 * 86_400_000, 'received', '12345热线', ''),
        step(now - 11 * 86_400_000 + 1, 'dispatched', '区指挥中心', '派测试住建'),
        step(now - 10 * 86_400_000, 'returned', '测试住建', '不属本单位职责'),
        step(now - 9 * 86_400_000, 'dispatched', '区指挥中心', '改派测试住建'),
      ]),
    ]);
    await service.sync.whenCursorAtLeast(hub.store.head);
    const { units } = await client(service).call('supervision.units', { windowDays: 30 });
    const ours = units.filter((u) => u.unit.startsWith('测试'));
    expect(ours).toEqual([
      { unit: '测试水务', overdue: 2, returns: 0, arbitrary: 0 },
      { unit: '测试住建', overdue: 0, returns: 1, arbitrary: 1 },
    ]);
    // What a letter to the overdue-only unit names: its two overdue tickets.
    const { evidence } = await client(service).call('supervision.unitEvidence', { unit: '测试水务', windowDays: 30 });
    expect(evidence.map((e) => [e.ticketNo, e.why]).sort()).toEqual([[a!.ticket.ticketNo, 'overdue'], [b!.ticket.ticketNo, 'overdue']].sort());
  });
});

describe('the board', () => {
  const sup = (steps: Supervision['steps']): Supervision => ({ kind: 'supervision', id: 'T-1', subDistrictCode: XINCHENGQIAO, supervisor: { type: 'group', group: 'special' }, assignedAt: 0, assignedBy: '区指挥中心', steps, updatedAt: 0 });
  const row = (status: string, deadline: number, closedAt = 0) => ({ ticket_no: 'T-1', summary: 's', status, deadline_at: deadline, whistle_level: 'difficult', timeline: JSON.stringify(closedAt ? [{ at: closedAt, kind: 'closed', actor: 'x', note: '' }] : []) });
  const callBack = (at: number, satisfaction: 'satisfied' | 'unsatisfied') => ({ id: randomUUID(), type: 'callBack' as const, at, personId: randomUUID(), notes: '', photoIds: [], satisfaction });

  it('closes a loop only when the ticket is closed and the last call-back satisfied; overdue first', () => {
    expect(supervisedState(sup([callBack(5, 'satisfied')]), row('closed', 10, 7), 100)).toMatchObject({ closedLoop: true, closedAt: 7, overdue: false });
    expect(supervisedState(sup([callBack(5, 'satisfied'), callBack(8, 'unsatisfied')]), row('closed', 10, 7), 100)).toMatchObject({ closedLoop: false });
    expect(supervisedState(sup([]), row('closed', 10, 7), 100)).toMatchObject({ closedLoop: false });
    // A call-back made before the work was done (解决 at 9) does not close it.
    const resolvedLate = { ...row('closed', 10, 12), timeline: JSON.stringify([{ at: 9, kind: 'resolved', actor: 'x', note: '' }, { at: 12, kind: 'closed', actor: 'x', note: '' }]) };
    expect(supervisedState(sup([callBack(5, 'satisfied')]), resolvedLate, 100)).toMatchObject({ closedLoop: false });
    expect(supervisedState(sup([callBack(5, 'satisfied'), callBack(10, 'satisfied')]), resolvedLate, 100)).toMatchObject({ closedLoop: true, closedAt: 12 });
    expect(supervisedState(sup([]), row('onSite', 10), 100)).toMatchObject({ overdue: true });
    const open = { ...supervisedState(sup([]), row('onSite', 500), 100), id: 'open' };
    const late = { ...supervisedState(sup([]), row('onSite', 10), 100), id: 'late' };
    const done = { ...supervisedState(sup([callBack(5, 'satisfied')]), row('closed', 10, 7), 100), id: 'done' };
    expect([done, open, late].sort(boardOrder).map((x) => x.id)).toEqual(['late', 'open', 'done']);
  });
});

describe.skipIf(!findCjkFont())('a 督查意见书', () => {
  it('is written as PDF that reads back: number, unit, its tickets, the requirement and the deadline', async () => {
    const { writeLetterPdf } = await import('./letter-file');
    const dir = await mkdtemp(path.join(tmpdir(), 'liandong-letter-'));
    dirs.push(dir);
    const at = Date.UTC(2026, 11, 1, 2);
    const file = await writeLetterPdf(dir, {
      kind: 'letter', id: randomUUID(), number: '督查〔2026〕3号', unit: '区住建局', subDistrictCode: XINCHENGQIAO,
      tickets: [{ ticketNo: 'NT-2026-0001', summary: '墙体开裂', why: 'overdue', at, reason: '' }, { ticketNo: 'NT-2026-0002', summary: '屋面漏雨', why: 'returned', at, reason: '不属于本单位职责' }],
      requirement: '立即组织整改，落实专人负责', replyDueAt: at + 7 * 86_400_000, issuedAt: at, issuedBy: '区指挥中心', reply: null, repliedAt: null, updatedAt: at,
    });
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of ['督查意见书', '督查〔2026〕3号', '区住建局', '超期未办结1件', '退单1件', 'NT-2026-0001', '不属于本单位职责', '立即组织整改', '2026年12月8日前书面回复']) expect(text).toContain(s);
  });
});
