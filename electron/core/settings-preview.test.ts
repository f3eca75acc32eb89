/**
 * Settings at the core: a number outside its limits is refused as 'invalidSetting' naming the field (the
 * screen renders the catalogue's sentence from it; nothing is stored), and a change that reaches tickets is
 * previewed — by the warning check's count and the escalation rule — without changing anything.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WALL_SETTINGS, liandongContract, SETTING_LIMITS, type WallSettings } from '../../shared/contract';
import { mattersAboveThreshold } from '../../shared/domain/early-warning';
import { translate } from '../../shared/i18n/catalogue';
import { createClient } from '../../shared/rpc/client';
import { RpcError } from '../../shared/rpc/errors';
import { connectInMemory } from '../../shared/rpc/memory-transport';
import { readConfig } from './config';
import { startConsoleService, type ConsoleService } from './console-service';
import { readWallSettings } from './handlers/settings';

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
    autoEscalation: false,
  });
  await svc.sync.whenCursorAtLeast(svc.embedded!.hub.store.head);
  await svc.warnings.check();
});
afterEach(() => svc.close());

const client = () => createClient(liandongContract, connectInMemory(svc.server));
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as RpcError);

describe('settings refused outside their limits', () => {
  const cases: [string, (s: WallSettings) => WallSettings, keyof typeof SETTING_LIMITS, string][] = [
    ['an interval of 5 s', (s) => ({ ...s, playlist: { ...s.playlist, everySec: 5 } }), 'playlistEvery', '轮播间隔须为 10–3600 秒的整数'],
    ['a warning threshold of 0', (s) => ({ ...s, warningRule: { ...s.warningRule, threshold: 0 } }), 'warningThreshold', '预警件数须为 1–1000 的整数'],
    ['a window of −3 days', (s) => ({ ...s, warningRule: { ...s.warningRule, windowDays: -3 } }), 'warningWindowDays', '统计天数须为 1–90 天的整数'],
    ['a reload every 2.5 hours', (s) => ({ ...s, softReloadHours: 2.5 }), 'softReloadHours', '定时刷新间隔须为 0–168 小时的整数'],
  ];
  for (const [what, change, field, zh] of cases) {
    it(`refuses ${what} as invalidSetting naming the field, and keeps what was stored`, async () => {
      const c = client();
      for (const method of ['settings.setWall', 'settings.preview'] as const) {
        const e = await refusal(c.call(method, change(DEFAULT_WALL_SETTINGS)));
        expect(e).toBeInstanceOf(RpcError);
        expect(e).toMatchObject({ code: 'invalidSetting', field });
        expect(translate('zh-CN', `settings.limit.${field}`, SETTING_LIMITS[field])).toBe(zh);
      }
      expect(await readWallSettings(svc.store)).toEqual(DEFAULT_WALL_SETTINGS);
    });
  }
});

describe('the preview of a change that reaches tickets', () => {
  it('shows nothing for the settings as they are', async () => {
    expect(await client().call('settings.preview', DEFAULT_WALL_SETTINGS)).toEqual({ warningsRaised: [], warningsRaisedTotal: 0, warningsCleared: 0, escalations: [], escalationsTotal: 0 });
  });

  it('counts the warnings a lower threshold raises and the tickets it would escalate, and changes nothing', async () => {
    const next = { ...DEFAULT_WALL_SETTINGS, warningRule: { threshold: 3, windowDays: 30 } };
    const p = await client().call('settings.preview', next);
    const tickets = await svc.store.selectFrom('tickets').select(['category', 'sub_district_code as subDistrictCode', 'community_code as communityCode', 'received_at as receivedAt']).execute();
    const before = await svc.warnings.list(false, 1000);
    expect(before.length).toBeGreaterThan(0); // the demo's own matter
    expect(p.warningsRaisedTotal).toBe(mattersAboveThreshold(tickets, next.warningRule, NOW).length - before.length);
    expect(p.warningsRaisedTotal).toBeGreaterThan(0);
    expect(p.escalationsTotal).toBeGreaterThan(0);
    expect(p.escalations.every((e) => e.reasons.includes('warning') && e.to === 'key' && e.from === 'routine')).toBe(true);
    // Nothing changed: the rule, the warnings, the outbox.
    expect(await readWallSettings(svc.store)).toEqual(DEFAULT_WALL_SETTINGS);
    expect(await svc.warnings.list(false, 1000)).toEqual(before);
    expect((await client().call('actions.list', { states: ['pending'], limit: 10 })).items).toHaveLength(0);
  });

  it('names the 三跨 tickets a rule turned back on would escalate, and a higher threshold the warnings it clears', async () => {
    const c = client();
    const off = { ...DEFAULT_WALL_SETTINGS, escalationRules: { ...DEFAULT_WALL_SETTINGS.escalationRules, cross: { enabled: false, to: 'difficult' as const } } };
    await c.call('settings.setWall', off);
    const p = await c.call('settings.preview', DEFAULT_WALL_SETTINGS);
    expect(p.escalationsTotal).toBeGreaterThan(0);
    expect(p.escalations.every((e) => e.reasons.includes('cross') && e.to === 'difficult')).toBe(true);
    expect(p.escalations.some((e) => e.summary.includes('工农路与人民路交叉口'))).toBe(true);
    const up = await c.call('settings.preview', { ...off, warningRule: { threshold: 1000, windowDays: 30 } });
    expect(up).toMatchObject({ warningsRaisedTotal: 0, warningsCleared: (await svc.warnings.list(false, 1000)).length, escalationsTotal: 0 });
  });
});
