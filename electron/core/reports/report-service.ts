/**
 * Reports (报表) in the console: made from the store for a period (report-body.ts) on demand or by the schedule,
 * kept in the store, opened, and written as PDF or XLSX into the reports folder.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Store, StoreReader } from '../../../db/open';
import { listReports, reportBody, saveReport, scheduledExists, type StoredReport } from '../../../db/queries/reports';
import { readSetting, writeSetting } from '../../../db/queries/settings';
import { DEFAULT_REPORT_SCHEDULE, Report, ReportBody, ReportSchedule, type ReportFile, type ReportInfo } from '../../../shared/contract/reports';
import { beijingDayOf, periodsDueOn, type ReportPeriod } from '../../../shared/domain/report-period';
import { RpcError } from '../../../shared/rpc/errors';
import { buildReport } from './report-body';
import { NoCjkFontError, writeReportPdf, writeReportXlsx } from './report-files';

const SCHEDULE_KEY = 'reportSchedule';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ReportServiceOptions = {
  store: Store;
  /** The background checks' connection: a report's scans never hold up the screens'. */
  reader: StoreReader;
  clock: () => number;
  dir: string;
  onChanged: (id: string) => void;
  log: (line: string) => void;
};

export class ReportService {
  constructor(private readonly o: ReportServiceOptions) {}

  async generate(period: ReportPeriod, trigger: StoredReport['trigger'] = 'demand'): Promise<ReportInfo> {
    const asOf = this.o.clock();
    const body = ReportBody.parse(await buildReport(this.o.reader, period, asOf));
    const info: StoredReport = { id: randomUUID(), kind: period.kind, from: period.from, to: period.to, generatedAt: asOf, trigger, intake: body.totals.intake.n };
    const saved = await saveReport(this.o.store, info, JSON.stringify(body));
    if (saved) this.o.onChanged(info.id);
    return info as ReportInfo;
  }

  async list(): Promise<ReportInfo[]> {
    return (await listReports(this.o.reader)) as ReportInfo[];
  }

  async open(id: string): Promise<Report> {
    const found = await reportBody(this.o.reader, id);
    if (!found) throw new RpcError('notFound', `no report ${id}`, { reason: 'reportNotFound' });
    return Report.parse({ ...found.info, body: JSON.parse(found.body) });
  }

  async file(id: string, format: 'pdf' | 'xlsx'): Promise<ReportFile> {
    const report = await this.open(id);
    try {
      const file = format === 'pdf' ? await writeReportPdf(this.o.dir, report) : await writeReportXlsx(this.o.dir, report);
      return { name: path.basename(file), mime: format === 'pdf' ? 'application/pdf' : XLSX_MIME, base64: (await readFile(file)).toString('base64'), path: file };
    } catch (e) {
      if (e instanceof NoCjkFontError) throw new RpcError('unavailable', e.message, { reason: 'noCjkFont' });
      throw e;
    }
  }

  async schedule(): Promise<ReportSchedule> {
    const raw = await readSetting(this.o.store, SCHEDULE_KEY);
    const parsed = raw === undefined ? undefined : ReportSchedule.safeParse(JSON.parse(raw));
    return parsed?.success ? parsed.data : DEFAULT_REPORT_SCHEDULE;
  }

  async setSchedule(s: ReportSchedule): Promise<ReportSchedule> {
    await writeSetting(this.o.store, SCHEDULE_KEY, JSON.stringify(s), this.o.clock());
    return s;
  }

  /** Makes the reports due by now that the schedule has not made yet: after the set time, yesterday's 日报 and, on
   * the 1st, the month before's 月报 (a console that was off at that time makes them when it starts). */
  async runSchedule(): Promise<ReportInfo[]> {
    const s = await this.schedule();
    const now = this.o.clock();
    const today = beijingDayOf(now);
    const time = new Date(now + 8 * 3_600_000).toISOString().slice(11, 16);
    if (time < s.at) return [];
    const made: ReportInfo[] = [];
    for (const p of periodsDueOn(today)) {
      if ((p.kind === 'day' && !s.daily) || (p.kind === 'month' && !s.monthly)) continue;
      if (await scheduledExists(this.o.reader, p.kind, p.from, p.to)) continue;
      made.push(await this.generate(p, 'schedule'));
      this.o.log(`report made by the schedule: ${p.kind} ${p.from}..${p.to}`);
    }
    return made;
  }
}
