import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateTickets } from '../../hub/demo/ticket-generator';
import { liandongContract } from '../../shared/contract';
import { createClient } from '../../shared/rpc/client';
import { connectInMemory } from '../../shared/rpc/memory-transport';
import { readConfig } from './config';
import { startConsoleService, type ConsoleService } from './console-service';
import { storeHash } from './sync/store-hash';

const RESOURCES = path.resolve(__dirname, '../../resources');
const NOW = Date.UTC(2026, 10, 23, 6);
let svc: ConsoleService;

beforeEach(async () => {
  svc = await startConsoleService({
    config: readConfig({ LIANDONG_DEMO_RATE: '0' }, { dataDir: '/nonexistent' }),
    resourcesDir: RESOURCES,
    host: 'webhost',
    version: 'test',
    clock: () => NOW,
    storeFile: ':memory:',
  });
  await svc.sync.whenCursorAtLeast(svc.embedded!.hub.store.head);
});
afterEach(() => svc.close());

const client = () => createClient(liandongContract, connectInMemory(svc.server));

describe('console service over the contract', () => {
  it('with no hub configured, syncs the demo tickets (shifted to the present) from the embedded hub', async () => {
    const c = client();
    const page = await c.call('tickets.list', { limit: 5 });
    expect(page.total).toBe(800);
    expect(page.items).toHaveLength(5);
    expect(page.items[0]!.receivedAt).toBe(NOW);
    expect(await c.call('sync.status', {})).toMatchObject({ source: 'demo', lastSeq: 800, lastSyncAt: NOW, lagMs: 0, pendingActions: 0, quarantined: 0 });
    expect(await svc.embedded!.hub.store.contentHash()).toBe(await storeHash(svc.store));
  });

  it('answers counts that add up', async () => {
    const counts = await client().call('tickets.counts', {});
    expect(Object.values(counts.byStatus).reduce((a, b) => a + b, 0)).toBe(counts.total);
    expect(counts.bySubDistrict.reduce((a, s) => a + s.total, 0)).toBe(counts.total);
    expect(counts.open).toBe(counts.total - counts.byStatus.closed);
  });

  it('gets a ticket with its timeline; an unknown number is a clear notFound', async () => {
    const c = client();
    const [first] = (await c.call('tickets.list', { limit: 1 })).items;
    const detail = await c.call('tickets.get', { ticketNo: first!.ticketNo });
    expect(detail.ticket).toEqual(first);
    expect(detail.timeline[0]!.kind).toBe('received');
    await expect(c.call('tickets.get', { ticketNo: 'NOPE-1' })).rejects.toMatchObject({ code: 'notFound', reason: 'ticketNotFound', params: { ticketNo: 'NOPE-1' } });
  });

  it('pushes tickets.changed to every connected screen when the hub records a new ticket', async () => {
    const a = client();
    const b = client();
    const [fresh] = generateTickets(1, { seed: 99, now: NOW + 1000, spanMs: 0, startIndex: 900_000 });
    const gotA = new Promise((r) => a.on('tickets.changed', r));
    const gotB = new Promise((r) => b.on('tickets.changed', r));
    await svc.embedded!.hub.ingest([fresh!]);
    expect(await gotA).toEqual({ tickets: [fresh!.ticket] });
    expect(await gotB).toEqual({ tickets: [fresh!.ticket] });
    expect((await a.call('tickets.list', { limit: 1 })).items[0]!.ticketNo).toBe(fresh!.ticket.ticketNo);
  });

  it('refuses an unreadable paging cursor with badRequest', async () => {
    await expect(client().call('tickets.list', { cursor: 'garbage' })).rejects.toMatchObject({ code: 'badRequest' });
  });
});

describe('configuration', () => {
  it('defaults to a console on loopback with the demo source', () => {
    expect(readConfig({}, { dataDir: '/d' })).toEqual({
      role: 'console',
      stationCode: null,
      hubUrl: null,
      hubToken: null,
      demoRate: 6,
      dataDir: '/d',
      webHost: { host: '127.0.0.1', port: 0, token: null },
      resourcesDir: null,
      gpu: 'auto',
      display: null,
      kiosk: false,
      hubTls: {},
    });
  });
  it.each([
    [{ LIANDONG_ROLE: 'chair' }, /LIANDONG_ROLE/],
    [{ LIANDONG_PORT: 'abc' }, /LIANDONG_PORT/],
    [{ LIANDONG_GPU: 'yes' }, /LIANDONG_GPU/],
    [{ LIANDONG_TOKEN: 'short' }, /LIANDONG_TOKEN/],
    [{ LIANDONG_HUB_URL: 'ftp://x' }, /LIANDONG_HUB_URL/],
    [{ LIANDONG_ROLE: 'station' }, /LIANDONG_STATION: the station role needs/],
    [{ LIANDONG_HUB_URL: 'http://hub.local:8080' }, /LIANDONG_HUB_TOKEN: a hub needs/],
  ])('names the bad variable: %o', (env, message) => {
    expect(() => readConfig(env, { dataDir: '/d' })).toThrow(message);
  });
});
