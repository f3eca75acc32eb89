import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(ROOT, '.dependency-cruiser.cjs'));

async function check(baseDir: string) {
  const result = await cruise(['shared', 'db', 'electron', 'renderer', 'hub'].filter((d) => require('node:fs').existsSync(path.join(baseDir, d))), {
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
    expect(v).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^shared-no-io: shared\/reads-files\.ts → (node:)?fs$/),
        expect.stringMatching(/^renderer-knows-only-the-contract: renderer\/reaches-db\.ts → db\/query\.ts$/),
        expect.stringMatching(/^db-below-services: db\/query\.ts → electron\/core\/service\.ts$/),
        expect.stringMatching(/^electron-only-in-shell: electron\/core\/service\.ts → (electron|.*node_modules\/electron\/index\.js)$/),
        expect.stringMatching(/^hub-independent: hub\/server\.ts → renderer\/reaches-db\.ts$/),
      ]),
    );
  }, 60_000);
});
