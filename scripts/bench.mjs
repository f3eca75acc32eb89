#!/usr/bin/env node
// `npm run bench`: runs bench/run.ts (TypeScript, through tsx). The last line printed is one JSON object.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', path.join(root, 'bench', 'run.ts')], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
