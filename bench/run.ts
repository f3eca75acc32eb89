/**
 * `npm run bench`: every benchmark, each reported against a baseline measured in the same run.
 * Writes bench/results.json (with the machine it ran on) and prints one JSON object as the last line.
 * BENCH_TICKETS overrides the ticket count (default 1,000,000).
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSyncBench } from './sync.bench';

async function main(): Promise<void> {
  const tickets = Number(process.env.BENCH_TICKETS ?? 1_000_000);
  const sync = await runSyncBench(tickets);
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  const result = { date: new Date().toISOString(), machine, sync };
  writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(JSON.stringify({ p1_tickets_per_s: sync.p1_tickets_per_s, p1_ratio_vs_raw: sync.p1_ratio_vs_raw, p6_catchup_ms: sync.p6_catchup_ms, p4_kpi_p95_ms: sync.p4_kpi_p95_ms, p5_cold_start_ms: sync.p5_cold_start_ms }) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
