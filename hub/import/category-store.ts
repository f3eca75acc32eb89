/**
 * The category map at the hub (分类对照): the built-in texts until the chair saves one, then the saved one;
 * and which ticket came in under which unknown text — what the chair sees listed (counted by ticket), and what
 * mapping the text later moves (tickets still under 其他) to their category.
 */
import { sql } from 'kysely';
import type { CategoryMapEntry, UnmappedCategory } from '../../shared/contract/imports';
import { DEFAULT_CATEGORY_MAP, suggestCategory } from '../../shared/import/category-map';
import type { HubDb } from '../store/hub-store';

export async function loadCategoryMap(db: HubDb): Promise<Map<string, string>> {
  const rows = await db.selectFrom('hub_category_map').select(['text', 'category']).execute();
  return rows.length ? new Map(rows.map((r) => [r.text, r.category])) : new Map(Object.entries(DEFAULT_CATEGORY_MAP));
}

export async function categoryEntries(db: HubDb): Promise<CategoryMapEntry[]> {
  return [...(await loadCategoryMap(db))].map(([text, category]) => ({ text, category }));
}

export async function replaceCategoryMap(db: HubDb, entries: readonly CategoryMapEntry[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('hub_category_map').execute();
    for (let i = 0; i < entries.length; i += 500) await trx.insertInto('hub_category_map').values(entries.slice(i, i + 500).map((e) => ({ text: e.text, category: e.category }))).onConflict((oc) => oc.column('text').doUpdateSet({ category: sql`excluded.category` })).execute();
  });
}

export async function noteCategoryTickets(db: HubDb, rows: readonly { ticketNo: string; text: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('hub_import_category_tickets')
      .values(rows.slice(i, i + 500).map((r) => ({ ticket_no: r.ticketNo, text: r.text })))
      .onConflict((oc) => oc.column('ticket_no').doUpdateSet({ text: sql`excluded.text` }))
      .execute();
  }
}

/** Unknown texts the map still does not know, with how many tickets came in under each (each ticket once, however
 * often its file was imported), most first. */
export async function unknownCategories(db: HubDb, map: ReadonlyMap<string, string>): Promise<UnmappedCategory[]> {
  const rows = await db
    .selectFrom('hub_import_category_tickets')
    .select((eb) => ['text', eb.fn.countAll<number>().as('rows')])
    .groupBy('text')
    .orderBy('rows', 'desc')
    .limit(2000)
    .execute();
  return rows.filter((r) => !map.has(r.text)).slice(0, 500).map((r) => ({ text: r.text, rows: Number(r.rows), suggestion: suggestCategory(r.text) }));
}

/** Tickets that came in again under a category the map knows are no longer under an unknown text. */
export async function forgetCategoryTickets(db: HubDb, ticketNos: readonly string[]): Promise<void> {
  for (let i = 0; i < ticketNos.length; i += 500) await db.deleteFrom('hub_import_category_tickets').where('ticket_no', 'in', ticketNos.slice(i, i + 500)).execute();
}

/** Tickets that came in under one of these texts. */
export async function ticketsUnder(db: HubDb, texts: readonly string[]): Promise<{ ticketNo: string; text: string }[]> {
  if (!texts.length) return [];
  const out: { ticketNo: string; text: string }[] = [];
  for (let i = 0; i < texts.length; i += 500) {
    const rows = await db.selectFrom('hub_import_category_tickets').select(['ticket_no', 'text']).where('text', 'in', texts.slice(i, i + 500)).execute();
    for (const r of rows) out.push({ ticketNo: r.ticket_no, text: r.text });
  }
  return out;
}

export async function tracksUnknownCategories(db: HubDb): Promise<boolean> {
  return (await db.selectFrom('hub_import_category_tickets').select('ticket_no').limit(1).executeTakeFirst()) !== undefined;
}
