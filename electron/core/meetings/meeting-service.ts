/**
 * The console's side of meetings: keeps each meeting it takes part in as the hub last sent it (in the store,
 * so a restarted chair is back at the current item before the hub answers), relays live operations to the
 * hub, puts decisions in the outbox, and suggests an agenda from the store's hard tickets.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Store } from '../../../db/open';
import { getMeeting, listMeetings, saveMeeting } from '../../../db/queries/meetings';
import type { AgendaSuggestion, DecideRequest, FollowUp, MinutesDownload, MinutesExport, OutboxItem } from '../../../shared/contract';
import { Meeting, MeetingPatchPush, type AgendaReason, type MeetingOpRequest } from '../../../shared/hub-meeting';
import { MeetingMirror } from '../../../shared/meeting-patch';
import { RpcError } from '../../../shared/rpc/errors';
import { askHub } from '../sync/ask-hub';
import type { HubLink } from '../sync/hub-link';
import type { Outbox } from '../sync/outbox';
import { buildMinutes } from '../../../shared/domain/minutes';
import type { Ticket } from '../../../shared/domain/ticket';
import { labelOr } from '../../../shared/i18n/catalogue';
import { writeMinutes } from './minutes-file';

type MeetingLink = Pick<HubLink, 'on' | 'call' | 'connected'>;
/** Changes within this are shown together (a burst of patches is one update of the screen). */
const SHOW_EVERY_MS = 30;
/** The store (for a restart) is written at most this often per burst: the mirror is the live copy. */
const STORE_EVERY_MS = 1000;

export class MeetingService {
  private readonly offs: (() => void)[];
  /** The meetings as the hub has them: whole on connecting, then patch by patch. */
  private readonly mirror = new MeetingMirror();
  private readonly unshown = new Map<string, Meeting>();
  private readonly unsaved = new Map<string, Meeting>();
  private showTimer: ReturnType<typeof setTimeout> | undefined;
  private storeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Stored one batch at a time, in the order they changed. */
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly o: { store: Store; link: MeetingLink; outbox: Outbox; clock: () => number; onChanged: (m: Meeting) => void; minutesDir: string; log?: (line: string) => void },
  ) {
    this.offs = [o.link.on('meeting', (raw) => this.received(raw)), o.link.on('meetingPatch', (raw) => this.patched(raw))];
  }

  private received(raw: unknown): void {
    const m = Meeting.safeParse(raw);
    if (!m.success) return this.o.log?.(`meeting snapshot refused: ${m.error.issues[0]?.message ?? 'invalid'}`);
    const changed = this.mirror.snapshot(m.data);
    if (changed) this.changed(changed);
  }

  private patched(raw: unknown): void {
    const p = MeetingPatchPush.safeParse(raw);
    if (!p.success) return this.o.log?.(`meeting patch refused: ${p.error.issues[0]?.message ?? 'invalid'}`);
    const { changed, fetch } = this.mirror.patch(p.data);
    if (changed) this.changed(changed);
    if (fetch) void this.fetch(fetch);
  }

  /** A version was missed: the whole meeting again. */
  private async fetch(meetingId: string): Promise<void> {
    try {
      this.received((await askHub(this.o.link, 'meetingGet', { meetingId })).meeting);
    } catch (e) {
      // Offline: the hub sends every meeting whole on reconnecting.
      this.o.log?.(`meeting ${meetingId}: the hub did not send it (${e instanceof Error ? e.message : String(e)})`);
    }
  }

  private changed(m: Meeting): void {
    this.unshown.set(m.id, m);
    this.unsaved.set(m.id, m);
    this.showTimer ??= setTimeout(() => this.show(), SHOW_EVERY_MS);
    this.storeTimer ??= setTimeout(() => void this.store(), STORE_EVERY_MS);
  }

  private show(): void {
    this.showTimer = undefined;
    const batch = [...this.unshown.values()];
    this.unshown.clear();
    batch.forEach((m) => this.o.onChanged(m));
  }

  private store(): Promise<void> {
    clearTimeout(this.storeTimer);
    this.storeTimer = undefined;
    const batch = [...this.unsaved.values()];
    this.unsaved.clear();
    this.saving = this.saving
      .then(async () => {
        for (const m of batch) await saveMeeting(this.o.store, m);
      })
      .catch((e: unknown) => this.o.log?.(`meetings not stored: ${e instanceof Error ? e.message : String(e)}`));
    return this.saving;
  }

  /** Every meeting followed since this console started, as last heard from the hub. */
  followed(): Meeting[] {
    return this.mirror.all();
  }

  /** The meeting as last heard from the hub (a meeting followed since this console started). */
  current(id: string): Meeting | undefined {
    return this.mirror.get(id);
  }

  /** Newest first: as stored, with the live copies of the meetings followed since. */
  async list(limit = 50): Promise<Meeting[]> {
    const byId = new Map((await listMeetings(this.o.store, limit)).map((m) => [m.id, m]));
    for (const m of this.mirror.all()) if ((byId.get(m.id)?.version ?? -1) < m.version || m.version === 0) byId.set(m.id, m);
    return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
  }

  /** Send a live operation to the hub; its refusal comes back as an error with the hub's reason. */
  async act(request: MeetingOpRequest): Promise<{ meetingId: string }> {
    await askHub(this.o.link, 'meeting', { id: randomUUID(), ...request });
    return { meetingId: request.meetingId };
  }

  /** A decision: through the outbox, so it reaches the hub exactly once even when taken offline. */
  decide(request: DecideRequest): Promise<OutboxItem> {
    return this.o.outbox.submit({ kind: 'decide', ...request });
  }

  async photo(meetingId: string, photoId: string): Promise<{ dataUrl: string }> {
    return { dataUrl: (await askHub(this.o.link, 'meetingPhoto', { meetingId, photoId })).dataUrl };
  }

  /** Hard tickets still being handled: 疑难哨, 三跨, the latest of an early warning's matter, overdue. */
  async suggestAgenda(limit: number): Promise<AgendaSuggestion[]> {
    const now = this.o.clock();
    const rows = await this.o.store
      .selectFrom('tickets as t')
      .select(['t.ticket_no', 't.summary', 't.category', 't.sub_district_code', 't.whistle_level', 't.status', 't.deadline_at'])
      .select((eb) => [
        sql<number>`t.cross_region or t.cross_level or t.cross_department`.as('cross'),
        eb.exists(eb.selectFrom('warnings as w').select('w.id').whereRef('w.latest_ticket_no', '=', 't.ticket_no').where('w.cleared_at', 'is', null)).as('warned'),
      ])
      .where('t.status', 'not in', ['resolved', 'closed'])
      .where((eb) =>
        eb.or([
          eb('t.whistle_level', '=', 'difficult'),
          sql<boolean>`(t.cross_region or t.cross_level or t.cross_department)`,
          eb('t.deadline_at', '<', now),
          eb.exists(eb.selectFrom('warnings as w').select('w.id').whereRef('w.latest_ticket_no', '=', 't.ticket_no').where('w.cleared_at', 'is', null)),
        ]),
      )
      // 疑难 first, then three-way, then the longest overdue.
      .orderBy(sql`t.whistle_level = 'difficult'`, 'desc')
      .orderBy(sql`t.cross_region + t.cross_level + t.cross_department`, 'desc')
      .orderBy('t.deadline_at')
      .limit(limit)
      .execute();
    return rows.map((r) => {
      const reasons: AgendaReason[] = [];
      if (r.whistle_level === 'difficult') reasons.push('difficult');
      if (r.cross) reasons.push('cross');
      if (r.warned) reasons.push('warning');
      if (r.deadline_at < now) reasons.push('overdue');
      return { ticketNo: r.ticket_no, summary: r.summary, category: r.category, subDistrictCode: r.sub_district_code, whistleLevel: r.whistle_level as Ticket['whistleLevel'], status: r.status as Ticket['status'], deadlineAt: r.deadline_at, reasons };
    });
  }

  /** Every ticket decided in a meeting (its latest decision), as the store now has it; a station sees its own. */
  async followUps(stationCode: string | null): Promise<FollowUp[]> {
    const latest = new Map<string, { d: Meeting['decisions'][number]; title: string }>();
    for (const m of await this.list(500)) for (const d of m.decisions) if ((latest.get(d.ticketNo)?.d.at ?? -1) < d.at) latest.set(d.ticketNo, { d, title: m.title });
    if (!latest.size) return [];
    const rows = await this.o.store
      .selectFrom('tickets')
      .select(['ticket_no', 'summary', 'sub_district_code', 'status', 'satisfaction'])
      .where('ticket_no', 'in', [...latest.keys()])
      .$if(stationCode !== null, (q) => q.where('sub_district_code', '=', stationCode!))
      .execute();
    const now = this.o.clock();
    const items = rows.map((r): FollowUp => {
      const { d, title } = latest.get(r.ticket_no)!;
      const closedLoop = r.status === 'closed';
      return { ticketNo: r.ticket_no, summary: r.summary, subDistrictCode: r.sub_district_code, meetingTitle: title, decidedAt: d.at, leadDepartment: d.leadDepartment, coDepartments: d.coDepartments, deadlineAt: d.deadlineAt, supervisor: d.supervisor, status: r.status as Ticket['status'], satisfaction: r.satisfaction as Ticket['satisfaction'], closedLoop, overdue: !closedLoop && d.deadlineAt < now };
    });
    const rank = (f: FollowUp) => (f.overdue ? 0 : f.closedLoop ? 2 : 1);
    return items.sort((a, b) => rank(a) - rank(b) || a.deadlineAt - b.deadlineAt);
  }

  /** The meeting's minutes as Markdown and PDF files in the minutes folder. */
  async minutes(meetingId: string): Promise<MinutesExport> {
    const meeting = this.mirror.get(meetingId) ?? (await getMeeting(this.o.store, meetingId));
    if (!meeting) throw new RpcError('notFound', `no meeting ${meetingId}`, { reason: 'meetingNotFound' });
    const nos = meeting.agenda.map((a) => a.ticketNo);
    const rows = nos.length ? await this.o.store.selectFrom('tickets').select(['ticket_no', 'summary', 'category', 'sub_district_code', 'address']).where('ticket_no', 'in', nos).execute() : [];
    const tickets = new Map(rows.map((r) => [r.ticket_no, { ticketNo: r.ticket_no, summary: r.summary, category: r.category, subDistrictCode: r.sub_district_code, address: r.address }]));
    const written = await writeMinutes(this.o.minutesDir, buildMinutes(meeting, tickets, (c) => labelOr('zh-CN', `category.${c}`, c), this.o.clock()), this.o.clock());
    // The files themselves too: a browser on the web host downloads them (it cannot open a path on this disk).
    const download = async (file: string, mime: MinutesDownload['mime']): Promise<MinutesDownload> => ({ name: path.basename(file), mime, base64: (await readFile(file)).toString('base64') });
    const downloads = await Promise.all([...(written.pdfPath ? [download(written.pdfPath, 'application/pdf')] : []), download(written.markdownPath, 'text/markdown')]);
    return { ...written, downloads };
  }

  /** Stops following the hub; what changed is shown and stored first. */
  async close(): Promise<void> {
    this.offs.forEach((off) => off());
    clearTimeout(this.showTimer);
    this.show();
    await this.store();
  }
}
