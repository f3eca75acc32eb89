// A hub in its own process for the benchmarks (as in a deployment: the console does not share its thread).
// stdin commands: "fill <n>", "edit <n>", "head", "quit"; each answered with one JSON line on stdout.
import path from 'node:path';
import { createInterface } from 'node:readline';
import { generateTokens } from '../hub/auth';
import { startHub } from '../hub/hub-server';
import { benchBatch, BENCH_BATCH, BENCH_NOW } from './bench-data';

const dir = process.argv[2]!;
const hub = await startHub({ filename: path.join(dir, 'hub.sqlite'), tokens: generateTokens() });
const say = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');
say({ url: hub.url, token: hub.tokens.byRole('chair')!.token, head: hub.store.head });

for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, arg] = line.trim().split(/\s+/);
  const n = Number(arg);
  if (cmd === 'fill') {
    for (let i = 0; i < n; i += BENCH_BATCH) await hub.ingest(benchBatch(i, n));
    say({ head: hub.store.head });
  } else if (cmd === 'edit') {
    const edited = benchBatch(0, n).slice(0, n).map((r) => ({ ...r, timeline: [...r.timeline, { at: BENCH_NOW + 1, kind: 'commented' as const, actor: '区指挥中心', note: '离线期间的更新' }] }));
    await hub.ingest(edited);
    say({ head: hub.store.head });
  } else if (cmd === 'head') {
    say({ head: hub.store.head });
  } else if (cmd === 'quit') {
    await hub.close();
    say({ bye: true });
    process.exit(0);
  }
}
