/**
 * A meeting survives what a command centre's day brings: the chair console restarts mid-meeting (it shows
 * the current item from its store at once, and the hub's state once connected); the network drops and the
 * chair decides offline (the decision waits in the outbox, is shown in the meeting once delivered, and
 * reaches the ticket exactly once); a live operation while offline is refused with a clear reason.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTokens } from '../../hub/auth';
import { generateTickets } from '../../hub/demo/ticket-generator';
import { startHub, type Hub } from '../../hub/hub-server';
import { readConfig } from '../../electron/core/config';
import { startConsoleService, type ConsoleService } from '../../electron/core/console-service';
import type { Meeting } from '../../shared/hub-meeting';
import type { TicketRecord } from '../../shared/domain/ticket';
import { startCuttingProxy, type CuttingProxy } from '../support/tcp-proxy';

const RENGGANG = '320613003';
let dir: string;
let hub: Hub;
let proxy: CuttingProxy;
let chair: ConsoleService | undefined;

const startChair = () =>
  startConsoleService({
    config: readConfig({ LIANDONG_HUB_URL: proxy.url, LIANDONG_HUB_TOKEN: hub.tokens.byRole('chair')!.token }, { dataDir: dir }),
    resourcesDir: path.join(__dirname, '..', '..', 'resources'),
    host: 'webhost',
    version: 'test',
    storeFile: path.join(dir, 'chair.sqlite'),
    retry: { baseMs: 10, maxMs: 100 },
    link: { reconnectDelayMs: 20, reconnectDelayMaxMs: 100, actTimeoutMs: 2000 },
  });

/** The chair's view of a meeting, once it satisfies `p`. */
async function meetingWhen(service: ConsoleService, id: string, p: (m: Meeting) => boolean): Promise<Meeting> {
  const find = async () => (await service.meetings.list()).find((x) => x.id === id);
  await expect.poll(async () => {
    const m = await find();
    return m !== undefined && p(m);
  }, { timeout: 15_000 }).toBe(true);
  return (await find())!;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'liandong-meetres-'));
  hub = await startHub({ filename: path.join(dir, 'hub.sqlite'), tokens: generateTokens() });
  await hub.ingest(generateTickets(3, { now: Date.now(), seed: 8 }).map((r, i) => ({ ...r, ticket: { ...r.ticket, ticketNo: `MR-${i}`, subDistrictCode: RENGGANG, communityCode: null, status: 'dispatched' } })));
  proxy = await startCuttingProxy({ host: '127.0.0.1', port: hub.port }, { maxCuts: 0, minBytes: 1, maxBytes: 2, seed: 1 });
});
afterEach(async () => {
  await chair?.close();
  chair = undefined;
  await proxy.close();
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a meeting through restarts and network drops', () => {
  it('is at the current item after a chair restart, and a decision taken offline reaches the ticket exactly once', async () => {
    chair = await startChair();
    await chair.sync.whenCursorAtLeast(hub.store.head);
    const meetingId = randomUUID();
    await chair.meetings.act({ op: 'create', meetingId, kind: 'onlineCheck', title: '线上核查点调会', agenda: ['MR-0', 'MR-1', 'MR-2'].map((ticketNo) => ({ ticketNo, reasons: ['difficult' as const] })), invitees: { stations: [RENGGANG], departments: [], deputies: [] } });
    await chair.meetings.act({ op: 'setCurrent', meetingId, index: 1 });
    await meetingWhen(chair, meetingId, (m) => m.current === 1);

    // Restart with the hub unreachable: the current item is there from the store.
    await chair.close();
    proxy.down();
    chair = await startChair();
    expect((await chair.meetings.list()).find((m) => m.id === meetingId)?.current).toBe(1);
    // A live operation needs the hub: refused with the reason, nothing sent later.
    await expect(chair.meetings.act({ op: 'setCurrent', meetingId, index: 2 })).rejects.toMatchObject({ code: 'unavailable', reason: 'offlineHubNeeded' });

    // Decided offline: pending in the outbox.
    const item = await chair.meetings.decide({ ticketNo: 'MR-1', meetingId, leadDepartment: '区住建局', coDepartments: [], deadlineAt: Date.now() + 86_400_000, supervisor: '', responsibility: 'assigned', notes: '' });
    expect(item.state).toBe('pending');

    // Back online: delivered once, in the meeting and in the ticket's timeline; the hub's state is the truth.
    proxy.up();
    const decided = await meetingWhen(chair, meetingId, (m) => m.decisions.length === 1);
    expect(decided.current).toBe(1);
    expect(decided.decisions[0]).toMatchObject({ ticketNo: 'MR-1', leadDepartment: '区住建局' });
    const record = JSON.parse((await hub.store.getBody('MR-1'))!) as TicketRecord;
    expect(record.timeline.filter((e) => e.kind === 'decided')).toHaveLength(1);
    expect((await chair.outbox.list({ limit: 10 })).map((a) => [a.kind, a.state])).toEqual([['decide', 'delivered']]);
  });
});
