/** Reports kept in the console's store (0015). */
import type { Store, StoreReader } from '../open';

export type StoredReport = { id: string; kind: string; from: string; to: string; generatedAt: number; trigger: 'schedule' | 'demand'; intake: number };
type Row = { id: string; kind: string; from_day: string; to_day: string; generated_at: number; trigger: string; intake: number };
const info = (r: Row): StoredReport => ({ id: r.id, kind: r.kind, from: r.from_day, to: r.to_day, generatedAt: r.generated_at, trigger: r.trigger as StoredReport['trigger'], intake: r.intake });
const COLUMNS = ['id', 'kind', 'from_day', 'to_day', 'generated_at', 'trigger', 'intake'] as const;

/** Keeps a report; a scheduled one already kept for its kind and period is not made twice (answers false). */
export async function saveReport(store: Store, r: StoredReport, body: string): Promise<boolean> {
  const res = await store
    .insertInto('reports')
    .values({ id: r.id, kind: r.kind, from_day: r.from, to_day: r.to, generated_at: r.generatedAt, trigger: r.trigger, intake: r.intake, body })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listReports(store: StoreReader, limit = 500): Promise<StoredReport[]> {
  const rows = await store.selectFrom('reports').select(COLUMNS).orderBy('to_day', 'desc').orderBy('generated_at', 'desc').limit(limit).execute();
  return rows.map(info);
}

export async function reportBody(store: StoreReader, id: string): Promise<{ info: StoredReport; body: string } | undefined> {
  const row = await store.selectFrom('reports').select([...COLUMNS, 'body']).where('id', '=', id).executeTakeFirst();
  return row && { info: info(row), body: row.body };
}

/** Whether the schedule has made this report already. */
export async function scheduledExists(store: StoreReader, kind: string, from: string, to: string): Promise<boolean> {
  const row = await store.selectFrom('reports').select('id').where('trigger', '=', 'schedule').where('kind', '=', kind).where('from_day', '=', from).where('to_day', '=', to).executeTakeFirst();
  return row !== undefined;
}
