/** 代表督办 in a report: counted over the period from the supervision registers the console holds. */
import type { StoreReader } from '../../../db/open';
import { listRegisters } from '../../../db/queries/registers';
import type { DeputyFigures } from '../../../shared/contract/reports';
import { supervisedState } from '../supervision/supervision-service';

export async function deputyFigures(store: StoreReader, range: { fromMs: number; toMs: number }, asOf: number): Promise<DeputyFigures> {
  const inRange = (at: number | null | undefined) => at != null && at >= range.fromMs && at < range.toMs;
  const [supervisions, suggestions, letters, referrals, funds] = await Promise.all([
    listRegisters(store, 'supervision'),
    listRegisters(store, 'suggestion'),
    listRegisters(store, 'letter'),
    listRegisters(store, 'referral'),
    listRegisters(store, 'fund'),
  ]);
  const numbers = supervisions.map((s) => s.id);
  const rows = numbers.length ? await store.selectFrom('tickets').select(['ticket_no', 'summary', 'status', 'deadline_at', 'whistle_level', 'timeline']).where('ticket_no', 'in', numbers).execute() : [];
  const byNo = new Map(rows.map((r) => [r.ticket_no, r]));
  const states = supervisions.map((s) => supervisedState(s, byNo.get(s.id), asOf));
  const answeredIn = (s: (typeof suggestions)[number]) => s.history.filter((h) => h.stage === 'answered' && inRange(h.at));
  const spends = funds.flatMap((f) => f.spends.filter((x) => inRange(x.at)).map((x) => ({ subDistrictCode: f.id, ticketNo: x.ticketNo, amount: x.amount, purpose: x.purpose, at: x.at })));
  return {
    hardClosed: states.filter((s) => s.closedLoop && inRange(s.closedAt)).length,
    supervisedOpen: states.filter((s) => !s.closedLoop).length,
    suggestions: {
      submitted: suggestions.filter((s) => inRange(s.submittedAt)).length,
      answered: suggestions.reduce((n, s) => n + answeredIn(s).length, 0),
      satisfied: suggestions.filter((s) => s.stage === 'answered' && inRange(s.history.at(-1)?.at)).length,
      reopened: suggestions.reduce((n, s) => n + s.history.filter((h, i) => h.stage === 'assigned' && s.history[i - 1]?.stage === 'answered' && inRange(h.at)).length, 0),
      atSubmitted: suggestions.filter((s) => s.stage === 'submitted').length,
      atAssigned: suggestions.filter((s) => s.stage === 'assigned').length,
      atDone: suggestions.filter((s) => s.stage === 'done').length,
    },
    letters: { issued: letters.filter((l) => inRange(l.issuedAt)).length, replied: letters.filter((l) => inRange(l.repliedAt)).length, awaiting: letters.filter((l) => l.repliedAt === null).length },
    referrals: { sent: referrals.filter((r) => inRange(r.sentAt)).length, answered: referrals.filter((r) => inRange(r.answeredAt)).length },
    funds: { spends: spends.length, amount: spends.reduce((n, x) => n + x.amount, 0), items: spends.sort((a, b) => b.at - a.at).slice(0, 30) },
  };
}
