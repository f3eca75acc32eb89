#!/usr/bin/env node
// `npm run bench`: runs bench/run.ts (TypeScript, through tsx). The last line printed is one JSON object.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The cold-start benchmark serves the built renderer.
const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);
const r = spawnSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', path.join(root, 'bench', 'run.ts')], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
