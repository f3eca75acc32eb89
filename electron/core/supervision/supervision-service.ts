/**
 * 督办 on the console: the registers as this console holds them (kept by RegisterSync), the supervised tickets
 * joined to the tickets as they now are, changes through the outbox, visit photos from the hub, and a letter as
 * PDF. Reads go to the reader connection; the registers are small (a district's year: a few thousand records).
 */
import { readFile } from 'node:fs/promises';
import type { Store, StoreReader } from '../../../db/open';
import { listRegisters } from '../../../db/queries/registers';
import type { OutboxItem, Registers, SupervisedTicket, LetterFile, UnitEvidence, UnitStanding } from '../../../shared/contract';
import { returnsOf, type Return } from '../../../shared/domain/returns';
import { fundBalance, type RegisterOpInput, type Supervision } from '../../../shared/supervision';
import type { TimelineEntry } from '../../../shared/domain/ticket';
import { isUnresolvedStatus, type TicketStatus, type WhistleLevel } from '../../../shared/domain/ticket';
import type { Outbox } from '../sync/outbox';
import { RegisterSync, type RegisterLink } from './register-sync';
import { letterFileName, writeLetterPdf } from './letter-file';
import { hubReason, RpcError } from '../../../shared/rpc/errors';
import { NoCjkFontError } from '../reports/report-files';

type TicketRow = { ticket_no: string; summary: string; status: string; deadline_at: number; whistle_level: string; timeline: string };

/** A supervised ticket's state: overdue (not resolved, past its deadline), and its loop closed when the ticket
 * is closed and the supervisor's last call-back was satisfied (满意 or 基本满意). */
export function supervisedState(s: Supervision, t: TicketRow | undefined, now: number): SupervisedTicket {
  const status = t?.status as TicketStatus | undefined;
  const timeline = t && status === 'closed' ? (JSON.parse(t.timeline) as TimelineEntry[]) : [];
  // The call-back that closes the loop asks the resident about the work done: it comes after the last 解决.
  const resolvedAt = timeline.filter((e) => e.kind === 'resolved').at(-1)?.at ?? 0;
  const lastCallBack = [...s.steps].reverse().find((x) => x.type === 'callBack');
  const satisfied = lastCallBack !== undefined && lastCallBack.satisfaction !== 'unsatisfied' && lastCallBack.at >= resolvedAt;
  const closedLoop = status === 'closed' && satisfied;
  let closedAt: number | null = null;
  if (closedLoop) closedAt = Math.max(timeline.filter((e) => e.kind === 'closed').at(-1)?.at ?? 0, lastCallBack!.at);
  return {
    ...s,
    ticket: t ? { summary: t.summary, status: status!, deadlineAt: t.deadline_at, whistleLevel: t.whistle_level as WhistleLevel, difficult: t.whistle_level === 'difficult' } : null,
    overdue: !!t && isUnresolvedStatus(status!) && t.deadline_at < now,
    closedLoop,
    closedAt,
  };
}

/** Overdue first, then open by deadline, then closed (most recent first). */
export function boardOrder(a: SupervisedTicket, b: SupervisedTicket): number {
  const rank = (x: SupervisedTicket) => (x.closedLoop ? 2 : x.overdue ? 0 : 1);
  return rank(a) - rank(b) || (a.closedLoop ? (b.closedAt ?? 0) - (a.closedAt ?? 0) : (a.ticket?.deadlineAt ?? 0) - (b.ticket?.deadlineAt ?? 0));
}

export class SupervisionService {
  readonly sync: RegisterSync;

  constructor(private readonly o: { store: Store; reader: StoreReader; link: RegisterLink; outbox: Outbox; clock: () => number; lettersDir: string; onChanged: () => void; log?: (line: string) => void }) {
    this.sync = new RegisterSync({ store: o.store, link: o.link, clock: o.clock, onChanged: o.onChanged, log: o.log });
  }

  async registers(): Promise<Registers> {
    const r = this.o.reader;
    const [people, supervisions, suggestions, letters, referrals, funds] = await Promise.all([
      listRegisters(r, 'person'),
      listRegisters(r, 'supervision'),
      listRegisters(r, 'suggestion'),
      listRegisters(r, 'letter'),
      listRegisters(r, 'referral'),
      listRegisters(r, 'fund'),
    ]);
    const numbers = supervisions.map((s) => s.id);
    const rows = numbers.length ? await r.selectFrom('tickets').select(['ticket_no', 'summary', 'status', 'deadline_at', 'whistle_level', 'timeline']).where('ticket_no', 'in', numbers).execute() : [];
    const byNo = new Map(rows.map((t) => [t.ticket_no, t]));
    const now = this.o.clock();
    return {
      people,
      supervised: supervisions.map((s) => supervisedState(s, byNo.get(s.id), now)).sort(boardOrder),
      suggestions: suggestions.reverse(),
      letters: letters.reverse(),
      referrals: referrals.reverse(),
      funds: funds.map((f) => ({ ...f, balance: fundBalance(f) })),
    };
  }

  submit(op: RegisterOpInput): Promise<OutboxItem> {
    return this.o.outbox.submit({ kind: 'register', op });
  }

  async photo(id: string): Promise<{ dataUrl: string }> {
    const a = await this.o.link.call('registerPhoto', { id }).catch((e: unknown) => {
      throw new RpcError('unavailable', `the hub is not reachable: ${e instanceof Error ? e.message : String(e)}`, { reason: 'photoOffline' });
    });
    if (!a.ok) throw new RpcError(a.error.code, a.error.message, hubReason(a.error));
    return { dataUrl: a.dataUrl };
  }

  async letterFile(id: string): Promise<LetterFile> {
    const letter = (await listRegisters(this.o.reader, 'letter')).find((l) => l.id === id);
    if (!letter) throw new RpcError('notFound', `no letter ${id}`, { reason: 'registerNotFound', params: { id } });
    const file = await writeLetterPdf(this.o.lettersDir, letter).catch((e: unknown) => {
      throw e instanceof NoCjkFontError ? new RpcError('unavailable', e.message, { reason: 'noCjkFont' }) : e;
    });
    return { name: letterFileName(letter), mime: 'application/pdf', base64: (await readFile(file)).toString('base64'), path: file };
  }

  /** Every unit with an overdue ticket now or a return in the window (the returns the letter would name: made in
   * the window), most overdue and returned first — the list a letter or a referral is chosen from. */
  async unitStandings(windowDays: number): Promise<UnitStanding[]> {
    const now = this.o.clock();
    const overdue = await this.o.reader
      .selectFrom('tickets')
      .select(['handling_unit', (eb) => eb.fn.countAll<number>().as('n')])
      .where('handling_unit', 'is not', null)
      .where('status', 'not in', ['resolved', 'closed'])
      .where('deadline_at', '<', now)
      .groupBy('handling_unit')
      .execute();
    const by = new Map<string, UnitStanding>();
    const of = (unit: string) => by.get(unit) ?? (by.set(unit, { unit, overdue: 0, returns: 0, arbitrary: 0 }), by.get(unit)!);
    for (const r of overdue) of(r.handling_unit!).overdue = Number(r.n);
    for (const { ret } of await this.returnsSince(now - windowDays * 86_400_000)) {
      const u = of(ret.unit);
      u.returns++;
      if (ret.arbitrary) u.arbitrary++;
    }
    return [...by.values()].sort((a, b) => b.overdue + b.returns - (a.overdue + a.returns) || b.arbitrary - a.arbitrary || a.unit.localeCompare(b.unit, 'zh-CN'));
  }

  async unitEvidence(unit: string, windowDays: number): Promise<UnitEvidence> {
    const now = this.o.clock();
    const overdue = await this.o.reader
      .selectFrom('tickets')
      .select(['ticket_no', 'summary', 'deadline_at'])
      .where('handling_unit', '=', unit)
      .where('status', 'not in', ['resolved', 'closed'])
      .where('deadline_at', '<', now)
      .orderBy('deadline_at')
      .limit(100)
      .execute();
    const evidence: UnitEvidence['evidence'] = overdue.map((t) => ({ ticketNo: t.ticket_no, summary: t.summary.slice(0, 200), why: 'overdue', at: t.deadline_at, reason: '', arbitrary: false }));
    for (const { ticketNo, summary, ret } of await this.returnsSince(now - windowDays * 86_400_000)) {
      if (ret.unit === unit) evidence.push({ ticketNo, summary: summary.slice(0, 200), why: 'returned', at: ret.at, reason: ret.reason.slice(0, 2000), arbitrary: ret.arbitrary });
    }
    return { unit, evidence: evidence.slice(0, 200) };
  }

  /** The returns made since `since`, each with its ticket. */
  private async returnsSince(since: number): Promise<{ ticketNo: string; summary: string; ret: Return }[]> {
    const rows = await this.o.reader.selectFrom('tickets').select(['ticket_no', 'summary', 'timeline']).where('return_count', '>', 0).where('updated_at', '>=', since).execute();
    return rows.flatMap((t) =>
      returnsOf(JSON.parse(t.timeline) as TimelineEntry[])
        .filter((x) => x.at >= since)
        .map((ret) => ({ ticketNo: t.ticket_no, summary: t.summary, ret })),
    );
  }

  stop(): Promise<void> {
    return this.sync.stop();
  }
}
