/** Early warnings over the store: the matters above the threshold, and the warnings kept (0005). */
import { sql, type Selectable } from 'kysely';
import type { Store } from '../open';
import type { WarningsTable } from '../schema';
import type { Ticket } from '../../shared/domain/ticket';
import { rowToTicket } from './ticket-row';


export type MatterCount = { category: string; placeCode: string; subDistrictCode: string; count: number; firstAt: number; lastAt: number; latestTicketNo: string };

/** Category × place (community, else sub-district) of tickets received since `since`, counted; those above `threshold`. */
export async function mattersAbove(db: Parameters<ReturnType<typeof sql>['execute']>[0], since: number, threshold: number): Promise<MatterCount[]> {
  const r = await sql<{ category: string; place: string; sub: string; n: number; first_at: number; last_at: number; latest: string }>`
    select category, coalesce(community_code, sub_district_code) as place, min(sub_district_code) as sub, count(*) as n,
      min(received_at) as first_at, max(received_at) as last_at,
      substr(max(printf('%016d', received_at) || ticket_no), 17) as latest
    from tickets where received_at >= ${since}
    group by category, place having count(*) > ${threshold}`.execute(db);
  return r.rows.map((x) => ({ category: x.category, placeCode: x.place, subDistrictCode: x.sub, count: Number(x.n), firstAt: Number(x.first_at), lastAt: Number(x.last_at), latestTicketNo: x.latest }));
}

export type WarningRow = Selectable<WarningsTable>;

/**
 * Bring the kept warnings in line with the matters above the threshold now: a matter without an active
 * warning raises one; an active warning's figures follow its matter; one whose matter fell back is cleared.
 * Returns what changed (raised, updated, cleared) — nothing when all is as it was. A few statements whatever
 * the number of warnings: the transaction holds the store's writer, and the sync waits behind it.
 */
export async function reconcileWarnings(db: Store, matters: MatterCount[], now: number, idOf: (m: MatterCount) => string): Promise<{ raised: number; updated: number; cleared: number }> {
  return db.transaction().execute(async (trx) => {
    const active = await trx.selectFrom('warnings').select(['id', 'category', 'place_code', 'count', 'last_at', 'latest_ticket_no']).where('cleared_at', 'is', null).execute();
    const key = (category: string, place: string) => `${category}\u0000${place}`;
    const byMatter = new Map(active.map((w) => [key(w.category, w.place_code), w]));
    const raise: MatterCount[] = [];
    const update: { id: string; m: MatterCount }[] = [];
    for (const m of matters) {
      const w = byMatter.get(key(m.category, m.placeCode));
      byMatter.delete(key(m.category, m.placeCode));
      if (!w) raise.push(m);
      else if (w.count !== m.count || w.last_at !== m.lastAt || w.latest_ticket_no !== m.latestTicketNo) update.push({ id: w.id, m });
    }
    for (let i = 0; i < raise.length; i += ROWS_PER_STATEMENT) {
      await trx
        .insertInto('warnings')
        .values(raise.slice(i, i + ROWS_PER_STATEMENT).map((m) => ({ id: idOf(m), category: m.category, place_code: m.placeCode, sub_district_code: m.subDistrictCode, count: m.count, first_at: m.firstAt, last_at: m.lastAt, latest_ticket_no: m.latestTicketNo, raised_at: now, cleared_at: null, acknowledged_at: null, ack_action_id: null })))
        .execute();
    }
    for (let i = 0; i < update.length; i += ROWS_PER_STATEMENT) {
      const rows = update.slice(i, i + ROWS_PER_STATEMENT).map(({ id, m }) => sql`(${id}, ${m.count}, ${m.firstAt}, ${m.lastAt}, ${m.latestTicketNo})`);
      await sql`with v(id, count, first_at, last_at, latest) as (values ${sql.join(rows)})
        update warnings set count = v.count, first_at = v.first_at, last_at = v.last_at, latest_ticket_no = v.latest
        from v where warnings.id = v.id`.execute(trx);
    }
    const gone = [...byMatter.values()].map((w) => w.id);
    for (let i = 0; i < gone.length; i += ROWS_PER_STATEMENT) await trx.updateTable('warnings').set({ cleared_at: now }).where('id', 'in', gone.slice(i, i + ROWS_PER_STATEMENT)).execute();
    return { raised: raise.length, updated: update.length, cleared: gone.length };
  });
}

/** Rows per statement (5 bound values each for an update; SQLite allows 32,766). */
const ROWS_PER_STATEMENT = 1000;

export async function listWarnings(db: Pick<Store, 'selectFrom'>, opts: { includeCleared: boolean; limit: number }): Promise<WarningRow[]> {
  return db
    .selectFrom('warnings')
    .selectAll()
    .$if(!opts.includeCleared, (qb) => qb.where('cleared_at', 'is', null))
    .orderBy(sql`cleared_at is not null`)
    .orderBy('raised_at', 'desc')
    .limit(opts.limit)
    .execute();
}

export async function getWarning(db: Pick<Store, 'selectFrom'>, id: string): Promise<WarningRow | undefined> {
  return db.selectFrom('warnings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The tickets of a warning's matter (its category at its place since its first ticket), newest first. */
export async function matterTickets(db: Pick<Store, 'selectFrom'>, w: Pick<WarningRow, 'category' | 'place_code' | 'first_at'>, limit: number): Promise<Ticket[]> {
  const rows = await db
    .selectFrom('tickets')
    .selectAll()
    .where('category', '=', w.category)
    .where((eb) => eb(eb.fn.coalesce('community_code', 'sub_district_code'), '=', w.place_code))
    .where('received_at', '>=', w.first_at)
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(rowToTicket);
}

export async function markAcknowledged(db: Pick<Store, 'updateTable'>, id: string, at: number, actionId: string): Promise<void> {
  await db.updateTable('warnings').set({ acknowledged_at: at, ack_action_id: actionId }).where('id', '=', id).execute();
}
