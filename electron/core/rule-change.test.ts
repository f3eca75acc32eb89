/**
 * The way back from a rule change: 撤销 puts the rules back as they were and lowers again the tickets the
 * console escalated by rule since — and only those the restored rules would not escalate anyway.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WALL_SETTINGS, liandongContract } from '../../shared/contract';
import type { TicketRecord } from '../../shared/domain/ticket';
import { createClient } from '../../shared/rpc/client';
import { connectInMemory } from '../../shared/rpc/memory-transport';
import { readConfig } from './config';
import { startConsoleService, type ConsoleService } from './console-service';
import { EscalationService } from './escalation/escalation-service';
import { readWallSettings } from './handlers/settings';

const RESOURCES = path.resolve(__dirname, '../../resources');
const NOW = Date.UTC(2026, 10, 23, 6);
let svc: ConsoleService;

beforeEach(async () => {
  svc = await startConsoleService({ config: readConfig({ LIANDONG_DEMO_RATE: '0' }, { dataDir: '/nonexistent' }), resourcesDir: RESOURCES, host: 'webhost', version: 'test', clock: () => NOW, storeFile: ':memory:', autoEscalation: false });
  await svc.sync.whenCursorAtLeast(svc.embedded!.hub.store.head);
});
afterEach(() => svc.close());

const client = () => createClient(liandongContract, connectInMemory(svc.server));
const hubRecord = async (no: string) => JSON.parse((await svc.embedded!.hub.store.getBody(no))!) as TicketRecord;

/** The console's automatic escalation, run until it has nothing more to send, then delivered and synced back. */
async function escalateByRule(): Promise<void> {
  const esc = new EscalationService({ store: svc.store, outbox: svc.outbox, clock: () => NOW, rules: async () => (await readWallSettings(svc.store)).escalationRules });
  while ((await esc.check()) > 0);
  await delivered();
}
async function delivered(): Promise<void> {
  await expect.poll(async () => (await client().call('actions.list', { states: ['pending'], limit: 1 })).items.length).toBe(0);
  await svc.sync.whenCursorAtLeast(svc.embedded!.hub.store.head);
}

describe('taking back a rule change', () => {
  it('restores the rules and lowers the tickets escalated by the new rule, leaving those the old rules escalate too', async () => {
    const c = client();
    const crossOff = { ...DEFAULT_WALL_SETTINGS, escalationRules: { ...DEFAULT_WALL_SETTINGS.escalationRules, cross: { enabled: false, to: 'difficult' as const } } };
    await c.call('settings.setWall', crossOff);
    await escalateByRule(); // what the old rules escalate

    await c.call('settings.setWall', DEFAULT_WALL_SETTINGS); // 三跨 → 疑难哨 turned on
    const corner = (await c.call('tickets.list', { search: '工农路与人民路交叉口', limit: 1 })).items[0]!;
    expect(corner.whistleLevel).toBe('routine');
    await escalateByRule();
    expect((await hubRecord(corner.ticketNo)).ticket.whistleLevel).toBe('difficult');
    const change = await c.call('settings.ruleChange', {});
    expect(change).toMatchObject({ at: NOW });
    expect(change!.autoEscalations).toBeGreaterThan(0);

    const undone = await c.call('settings.undoRuleChange', {});
    expect(undone.settings).toEqual(crossOff);
    expect(undone.lowered).toBe(change!.autoEscalations);
    expect(await readWallSettings(svc.store)).toEqual(crossOff);
    await delivered();
    const back = await hubRecord(corner.ticketNo);
    expect(back.ticket.whistleLevel).toBe('routine');
    expect(back.timeline.at(-1)!.note).toBe('疑难哨→常规哨：撤销自动升哨：规则已恢复');
    expect(await c.call('settings.ruleChange', {})).toBeNull();
    // The old rules' own escalations stand: running the check again sends nothing.
    const esc = new EscalationService({ store: svc.store, outbox: svc.outbox, clock: () => NOW, rules: async () => (await readWallSettings(svc.store)).escalationRules });
    expect(await esc.check()).toBe(0);
  });

  it('says there is nothing to take back when the rules have not changed', async () => {
    const c = client();
    await c.call('settings.setWall', { ...DEFAULT_WALL_SETTINGS, softReloadHours: 4 });
    expect(await c.call('settings.ruleChange', {})).toBeNull();
    await expect(c.call('settings.undoRuleChange', {})).rejects.toMatchObject({ code: 'notFound' });
  });

  it('lowers also what still waits in the outbox, after it (offline: nothing delivered yet)', async () => {
    const c = client();
    svc.outbox.stop(); // as if offline: what is submitted stays pending, in order
    const crossOff = { ...DEFAULT_WALL_SETTINGS, escalationRules: { ...DEFAULT_WALL_SETTINGS.escalationRules, cross: { enabled: false, to: 'difficult' as const } } };
    await c.call('settings.setWall', crossOff);
    await c.call('settings.setWall', DEFAULT_WALL_SETTINGS);
    const esc = new EscalationService({ store: svc.store, outbox: svc.outbox, clock: () => NOW, rules: async () => (await readWallSettings(svc.store)).escalationRules });
    while ((await esc.check()) > 0);
    const corner = (await c.call('tickets.list', { search: '工农路与人民路交叉口', limit: 1 })).items[0]!;
    const change = await c.call('settings.ruleChange', {});
    expect(change!.autoEscalations).toBeGreaterThan(0);

    const undone = await c.call('settings.undoRuleChange', {});
    expect(undone.lowered).toBe(change!.autoEscalations);
    const queue = (await svc.store.selectFrom('outbox').select(['payload']).where('ticket_no', '=', corner.ticketNo).where('state', '=', 'pending').orderBy('created_at').orderBy('seq').execute()).map((r) => JSON.parse(r.payload) as { to: string; reason: string });
    expect(queue).toEqual([
      { kind: 'escalate', ticketNo: corner.ticketNo, to: 'difficult', reason: '自动升哨：三跨' },
      { kind: 'escalate', ticketNo: corner.ticketNo, to: 'routine', reason: '撤销自动升哨：规则已恢复' },
    ]);
  });
});
