/**
 * 召开会商: kind and title, the agenda from suggested hard tickets (疑难, 三跨, warnings, overdue) and the tickets
 * the chair adds (by number here, or 加入会商议程 on a card: agenda-draft.ts), the sub-districts to invite (those
 * of the chosen tickets ticked), departments and deputies by name.
 */
import { DataText } from '../../app/DataText';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AgendaSuggestion } from '../../../shared/contract';
import { MEETING_KINDS, type MeetingKind } from '../../../shared/hub-meeting';
import { DIVISIONS } from '../../../shared/domain/divisions';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { formatDay, splitNames } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { Ticket } from '../../../shared/domain/ticket';
import { agendaDraft, chairItem, useAgendaDraft } from './agenda-draft';
import { AddByNumber } from './AddByNumber';


export function CreateMeeting() {
  const { t, label, place } = useI18n();
  const client = useClient();
  const [kind, setKind] = useState<MeetingKind>('onlineCheck');
  const [title, setTitle] = useState(() => t('meeting.defaultTitle', { date: formatDay(Date.now()) }));
  const [suggestions, setSuggestions] = useState<AgendaSuggestion[]>();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [stations, setStations] = useState<ReadonlySet<string>>(new Set());
  const [departments, setDepartments] = useState('');
  const [deputies, setDeputies] = useState('');
  const [busy, setBusy] = useState(false);
  const draft = useAgendaDraft();
  // A ticket added (here or from its card) is chosen, and its sub-district invited, once.
  const seen = useRef(new Set<string>());
  useEffect(() => {
    const fresh = draft.filter((d) => !seen.current.has(d.ticketNo));
    if (!fresh.length) return;
    fresh.forEach((d) => seen.current.add(d.ticketNo));
    setChosen((c) => new Set([...c, ...fresh.map((d) => d.ticketNo)]));
    setStations((c) => new Set([...c, ...fresh.map((d) => d.subDistrictCode)]));
  }, [draft]);

  useEffect(() => {
    client.call('meetings.suggestAgenda', { limit: 30 }).then((r) => {
      setSuggestions(r.items);
      const first = r.items.slice(0, 5);
      // Beside what the chair already added (from a card, by number).
      setChosen((c) => new Set([...c, ...first.map((s) => s.ticketNo)]));
      setStations((c) => new Set([...c, ...first.map((s) => s.subDistrictCode)]));
    }, reportError);
  }, [client]);

  // The chair's own additions first, then the suggestions.
  const shown = useMemo(() => [...draft.filter((d) => !(suggestions ?? []).some((s) => s.ticketNo === d.ticketNo)), ...(suggestions ?? [])], [draft, suggestions]);
  const agenda = useMemo(() => shown.filter((s) => chosen.has(s.ticketNo)), [shown, chosen]);
  const addTicket = (ticket: Ticket) => {
    const listed = shown.find((s) => s.ticketNo === ticket.ticketNo);
    if (!listed) return agendaDraft.add(chairItem(ticket));
    setChosen((c) => new Set([...c, ticket.ticketNo]));
    setStations((c) => new Set([...c, listed.subDistrictCode]));
  };
  const toggle = (set: ReadonlySet<string>, x: string) => {
    const next = new Set(set);
    if (!next.delete(x)) next.add(x);
    return next;
  };
  const create = async () => {
    setBusy(true);
    try {
      const meetingId = crypto.randomUUID();
      await client.call('meetings.act', { op: 'create', meetingId, kind, title, agenda: agenda.map((s) => ({ ticketNo: s.ticketNo, reasons: s.reasons })), invitees: { stations: [...stations], departments: splitNames(departments), deputies: splitNames(deputies) } });
      await client.call('meetings.act', { op: 'start', meetingId });
      agendaDraft.clear();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="meeting-create" data-testid="meeting-create">
      <h2>{t('meeting.new')}</h2>
      <div className="form-row">
        <label>
          {t('meeting.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as MeetingKind)} data-testid="meeting-kind">
            {MEETING_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`meetingKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          {t('meeting.title')}
          <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="meeting-title" />
        </label>
      </div>
      <h3>{t('meeting.agenda')}</h3>
      <AddByNumber onTicket={addTicket} isOnAgenda={(no) => agenda.some((a) => a.ticketNo === no)} />
      {suggestions?.length === 0 && !draft.length && <p className="muted">{t('meeting.noSuggestions')}</p>}
      <ul className="agenda-pick" data-testid="agenda-suggestions">
        {shown.map((s) => (
          <li key={s.ticketNo}>
            <label>
              <input type="checkbox" checked={chosen.has(s.ticketNo)} onChange={() => (setChosen(toggle(chosen, s.ticketNo)), !chosen.has(s.ticketNo) && setStations(new Set([...stations, s.subDistrictCode])))} data-ticket-no={s.ticketNo} />
              <span className="agenda-sub">{place(s.subDistrictCode)}</span>
              <DataText className="agenda-sum">{s.summary}</DataText>
              <span className="agenda-cat muted">{label('category', s.category)}</span>
              {s.reasons.map((r) => (
                <span key={r} className={`reason reason-${r}`}>
                  {t(`reason.${r}`)}
                </span>
              ))}
            </label>
          </li>
        ))}
      </ul>
      <h3>{t('meeting.invite')}</h3>
      <div className="invite-grid" data-testid="invite-stations">
        {DIVISIONS.subDistricts.map((s) => (
          <label key={s.code}>
            <input type="checkbox" checked={stations.has(s.code)} onChange={() => setStations(toggle(stations, s.code))} data-code={s.code} />
            {place(s.code)}
          </label>
        ))}
      </div>
      <div className="form-row">
        <label className="grow">
          {t('meeting.departments')}
          <input value={departments} onChange={(e) => setDepartments(e.target.value)} placeholder={t('meeting.departmentsExample')} data-testid="meeting-departments" />
        </label>
        <label className="grow">
          {t('meeting.deputies')}
          <input value={deputies} onChange={(e) => setDeputies(e.target.value)} placeholder={t('meeting.deputiesExample')} data-testid="meeting-deputies" />
        </label>
      </div>
      <button className="primary" disabled={busy || agenda.length === 0 || stations.size === 0 || !title.trim()} onClick={create} data-testid="meeting-create-start">
        {t('meeting.createStart')}
      </button>
    </section>
  );
}
