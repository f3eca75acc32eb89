/**
 * The category map at the hub (分类对照): the built-in texts until the chair saves one, then the saved one;
 * the texts imports met that it did not know (with their row counts); and which ticket came in under which
 * unknown text, so that mapping the text later moves those tickets (still under 其他) to their category.
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

export async function noteUnknownCategories(db: HubDb, counts: ReadonlyMap<string, number>): Promise<void> {
  if (!counts.size) return;
  await db
    .insertInto('hub_category_unknown')
    .values([...counts].map(([text, rows]) => ({ text, rows })))
    .onConflict((oc) => oc.column('text').doUpdateSet({ rows: sql`hub_category_unknown.rows + excluded.rows` }))
    .execute();
}

/** Unknown texts the map still does not know, most rows first. */
export async function unknownCategories(db: HubDb, map: ReadonlyMap<string, string>): Promise<UnmappedCategory[]> {
  const rows = await db.selectFrom('hub_category_unknown').select(['text', 'rows']).orderBy('rows', 'desc').limit(2000).execute();
  return rows.filter((r) => !map.has(r.text)).slice(0, 500).map((r) => ({ text: r.text, rows: r.rows, suggestion: suggestCategory(r.text) }));
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
