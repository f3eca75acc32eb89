/**
 * `npm run bench`: every benchmark, each reported against a baseline measured in the same run.
 * Writes bench/results.json (with the machine it ran on) and prints one JSON object as the last line.
 * BENCH_TICKETS: tickets for the sync benchmarks (default 1,000,000); BENCH_WALL_TICKETS: tickets in the
 * wall's store for the map benchmark (default 200,000); BENCH_R6_SECONDS: the meetings load run's length
 * (default 300); BENCH_P7_CSV_ROWS, BENCH_P7_XLSX_ROWS: the import benchmark's files (default 1,000,000
 * and 200,000 rows); BENCH_P8_JOINS (default 20); BENCH_ONLY=sync|wall|meetings|import|links runs one part and keeps the other parts' last results
 * (each part carries its own date). The soak (r7, two hours: BENCH_SOAK_MINUTES) runs only when asked for,
 * BENCH_ONLY=soak; the whole run is every other part.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSyncBench, type SyncBenchResult } from './sync.bench';
import { runWallBench, type WallBenchResult } from './wall.bench';
import { runMeetingsBench, type MeetingsBenchResult } from './meetings.bench';
import { runImportBench, type ImportBenchResult } from './import.bench';
import { runSoakBench, type SoakBenchResult } from './soak.bench';
import { runLiveLinkBench, type LiveLinkBenchResult } from './live-link.bench';

type Part<T> = T & { date: string };
const FILE = path.join(__dirname, 'results.json');

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  const previous = existsSync(FILE) ? (JSON.parse(readFileSync(FILE, 'utf8')) as { date?: string; sync?: Part<SyncBenchResult>; wall?: Part<WallBenchResult>; meetings?: Part<MeetingsBenchResult & { withTls?: MeetingsBenchResult }>; import?: Part<ImportBenchResult>; links?: Part<LiveLinkBenchResult>; soak?: Part<SoakBenchResult> }) : {};
  if (previous.sync && !previous.sync.date && previous.date) previous.sync.date = previous.date; // the file's earlier layout
  const now = () => new Date().toISOString();
  const runs = (part: string) => !only || only === part;
  const sync: Part<SyncBenchResult> | undefined = !runs('sync') ? previous.sync : { date: now(), ...(await runSyncBench(Number(process.env.BENCH_TICKETS ?? 1_000_000))) };
  const wall: Part<WallBenchResult> | undefined = !runs('wall') ? previous.wall : { date: now(), ...(await runWallBench(Number(process.env.BENCH_WALL_TICKETS ?? 200_000), Number(process.env.BENCH_P2_SECONDS ?? 60))) };
  const meetings: Part<MeetingsBenchResult & { withTls?: MeetingsBenchResult }> | undefined = !runs('meetings')
    ? previous.meetings
    : await (async () => {
        // The same load twice in one run: plain ws, then wss (TLS with a CA made for the run), so the cost of TLS
        // is read off one run's figures.
        const r6 = { stations: 200, meetings: 10, rate: 500, seconds: Number(process.env.BENCH_R6_SECONDS ?? 300), echoSeconds: 30 };
        const plain = await runMeetingsBench(r6);
        const tls = await runMeetingsBench({ ...r6, tls: true });
        return { date: now(), ...plain, withTls: tls };
      })();
  const imports: Part<ImportBenchResult> | undefined = !runs('import') ? previous.import : { date: now(), ...(await runImportBench(Number(process.env.BENCH_P7_CSV_ROWS ?? 1_000_000), Number(process.env.BENCH_P7_XLSX_ROWS ?? 200_000))) };
  const links: Part<LiveLinkBenchResult> | undefined = !runs('links') ? previous.links : { date: now(), ...(await runLiveLinkBench(Number(process.env.BENCH_P8_JOINS ?? 20))) };
  const soak: Part<SoakBenchResult> | undefined = only !== 'soak' ? previous.soak : { date: now(), ...(await runSoakBench(Number(process.env.BENCH_SOAK_MINUTES ?? 120))) };
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  writeFileSync(FILE, JSON.stringify({ machine, sync, wall, meetings, import: imports, links, soak: soak && { ...soak, r7_samples: undefined } }, null, 2) + '\n');
  process.stdout.write(
    JSON.stringify({
      p1_tickets_per_s: sync?.p1_tickets_per_s,
      p1_ratio_vs_raw: sync?.p1_ratio_vs_raw,
      p6_catchup_ms: sync?.p6_catchup_ms,
      p2_event_to_screen_p99_ms: wall?.p2_event_to_screen_p99_ms,
      p2_software_compositing_p99_ms: wall?.p2_software_compositing_p99_ms,
      p3_map_fps_ratio: wall?.p3_map_fps_ratio,
      p4_kpi_p95_ms: sync?.p4_kpi_p95_ms,
      p9_monthly_report_ms: sync?.p9_monthly_report_ms,
      p5_cold_start_ms: sync?.p5_cold_start_ms,
      r6_lost_acks: meetings?.r6_lost_acks,
      r6_ack_p99_ms: meetings?.r6_ack_p99_ms,
      r6_tls_lost_acks: meetings?.withTls?.r6_lost_acks,
      r6_tls_ack_p99_ms: meetings?.withTls?.r6_ack_p99_ms,
      p7_import_rows_per_s: imports?.p7_import_rows_per_s,
      p7_import_rows_per_s_xlsx: imports?.p7_import_rows_per_s_xlsx,
      p7_csv_ratio_vs_parse: imports?.p7_csv_ratio_vs_parse,
      p7_xlsx_ratio_vs_parse: imports?.p7_xlsx_ratio_vs_parse,
      p7_hub_peak_rss_mb_csv: imports?.p7_hub_peak_rss_mb_csv,
      p7_hub_peak_rss_mb_xlsx: imports?.p7_hub_peak_rss_mb_xlsx,
      p8_link_join_ms: links?.p8_link_join_ms,
      p8_link_fps: links?.p8_link_fps,
      p8_link_delay_ms: links?.p8_link_delay_ms,
      r7_renderer_heap_growth: soak?.r7_renderer_heap_growth,
      r7_dom_nodes_growth: soak?.r7_dom_nodes_growth,
      r7_console_rss_growth: soak?.r7_console_rss_growth,
      r7_wal_max_mb: soak?.r7_wal_max_mb,
    }) + '\n',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
