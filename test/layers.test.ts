import { existsSync } from 'node:fs';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(ROOT, '.dependency-cruiser.cjs'));

async function check(baseDir: string) {
  const result = await cruise(['shared', 'db', 'electron', 'renderer', 'hub'].filter((d) => existsSync(path.join(baseDir, d))), {
    ...config.options,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    baseDir,
    tsConfig: undefined,
  });
  const out = result.output as ICruiseResult;
  return out.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('layer rules', () => {
  it('hold for the project', async () => {
    expect(await check(ROOT)).toEqual([]);
  }, 60_000);

  it('fail when broken: each rule catches its own violation', async () => {
    const v = await check(path.join(ROOT, 'test/fixtures/layers-broken'));
    const expected = {
      'shared-no-io': /^shared-no-io: shared\/reads-files\.ts → (node:)?fs$/,
      'shared-stands-alone': /^shared-stands-alone: shared\/reaches-db\.ts → db\/query\.ts$/,
      'renderer-knows-only-the-contract': /^renderer-knows-only-the-contract: renderer\/reaches-db\.ts → db\/query\.ts$/,
      'renderer-no-node': /^renderer-no-node: renderer\/uses-node\.ts → (node:)?path$/,
      'db-below-services': /^db-below-services: db\/query\.ts → electron\/core\/service\.ts$/,
      'electron-only-in-shell': /^electron-only-in-shell: electron\/core\/service\.ts → (electron|.*node_modules\/electron\/index\.js)$/,
      'core-not-shell': /^core-not-shell: electron\/core\/reaches-shell\.ts → electron\/webhost\/host\.ts$/,
      'hub-independent': /^hub-independent: hub\/server\.ts → renderer\/reaches-db\.ts$/,
      'migrations-frozen': /^migrations-frozen: db\/queries\/uses-a-migration\.ts → db\/migrations\/0001-first\.ts$/,
    };
    // Every rule of the configuration has its broken fixture here (a new rule without one fails this test).
    expect(Object.keys(expected).sort()).toEqual(config.forbidden.map((r: { name: string }) => r.name).sort());
    for (const [rule, pattern] of Object.entries(expected)) expect(v.filter((line) => pattern.test(line)), rule).toHaveLength(1);
  }, 60_000);
});
