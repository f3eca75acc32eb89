#!/usr/bin/env node
/**
 * `npm test`: the whole suite, in order — type-check, lint (ESLint), build (the e2e tests load the built renderer),
 * then every Vitest project (unit: shared, db, core, transports, layer rules; e2e: Chromium and Electron).
 * Extra arguments go to vitest (e.g. `npm test -- --project unit`).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(title, cmd, args) {
  process.stdout.write(`\n== ${title}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stdout.write(`\n== ${title} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
}

step('type-check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
step('lint', bin('eslint'), ['.']);
step('build', bin('electron-vite'), ['build']);
// The phone page of 现场连线, which the hub serves at /site/ (the live-link e2e opens it).
step('build the phone page', bin('vite'), ['build', '--config', 'site.vite.config.mts', '--logLevel', 'warn']);
step('tests', bin('vitest'), ['run', ...process.argv.slice(2)]);
