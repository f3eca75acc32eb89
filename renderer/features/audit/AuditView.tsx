/**
 * 审计日志: the hub's audit trail for the command centre — every ingest, action, meeting operation, token
 * change, failed login and console change, newest first; filters by time, who, kind and ticket; a page at a
 * time (the hub pages by key, so a million entries page as fast as a hundred); the filtered trail as CSV.
 */
import { OrgName, Verbatim } from '../../app/DataText';
import { CATALOGUE, describeError, type MessageKey } from '../../../shared/i18n/catalogue';
import { useCallback, useEffect, useState } from 'react';
import { AUDIT_FAMILIES, type AuditQuery, type AuditRow } from '../../../shared/hub-protocol';
import { useClient } from '../../app/client-context';
import { errorText } from '../../app/errors';
import { formatClock, formatDay, fromDateInput, toDateInput } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { DateField } from '../../app/DateField';
import { TableHead } from '../../app/TableHead';
import { auditCsv } from './audit-csv';

const PAGE = 100;
const ROLES = ['chair', 'station', 'viewer', 'ingest'] as const;
/** Rows in one CSV export at most (a larger trail is exported by narrowing the filter, e.g. a month at a time). */
export const EXPORT_MAX = 200_000;

type Filter = { from: string; to: string; who: string; kind: string; ticketNo: string };

function queryOf(f: Filter): AuditQuery {
  return {
    from: f.from ? fromDateInput(f.from) - 18 * 3_600_000 : undefined,
    to: f.to ? fromDateInput(f.to) + 6 * 3_600_000 : undefined,
    who: f.who.trim() || undefined,
    kind: f.kind || undefined,
    ticketNo: f.ticketNo.trim() || undefined,
  };
}

export function AuditView() {
  const { t, locale } = useI18n();
  const client = useClient();
  const [filter, setFilter] = useState<Filter>({ from: toDateInput(Date.now() - 7 * 86_400_000), to: '', who: '', kind: '', ticketNo: '' });
  const [pages, setPages] = useState<number[]>([]); // beforeSeq of each page shown so far (for 上一页)
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<number | null>(null);

  const load = useCallback(
    async (beforeSeq?: number) => {
      setError(null);
      try {
        const page = await client.call('audit.list', { ...queryOf(filter), beforeSeq, limit: PAGE });
        setRows(page.entries);
        setHasMore(page.hasMore);
      } catch (e) {
        setRows([]);
        setError(errorText(e, locale));
      }
    },
    [client, filter, locale],
  );
  useEffect(() => {
    setPages([]);
    void load();
  }, [load]);

  const older = () => {
    const last = rows?.at(-1);
    if (!last) return;
    setPages((p) => [...p, last.seq]);
    void load(last.seq);
  };
  const newer = () => {
    const p = pages.slice(0, -1);
    setPages(p);
    void load(p.at(-1));
  };

  const exportCsv = async () => {
    const all: AuditRow[] = [];
    let before: number | undefined;
    setExporting(0);
    try {
      for (;;) {
        const page = await client.call('audit.list', { ...queryOf(filter), beforeSeq: before, limit: 1000 });
        all.push(...page.entries);
        setExporting(all.length);
        if (!page.hasMore || all.length >= EXPORT_MAX || !page.entries.length) break;
        before = page.entries.at(-1)!.seq;
      }
      const url = URL.createObjectURL(new Blob([auditCsv(all)], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `liandong-audit-${toDateInput(Date.now())}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      if (all.length >= EXPORT_MAX) setError(t('audit.exportCapped', { n: EXPORT_MAX }));
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setExporting(null);
    }
  };

  const set = (k: keyof Filter) => (e: { target: { value: string } }) => setFilter((f) => ({ ...f, [k]: e.target.value }));
  return (
    <section className="audit-view" data-testid="audit-view">
      <h2>{t('audit.title')}</h2>
      <p className="muted">{t('audit.explain')}</p>
      <form className="audit-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('audit.from')} <DateField value={filter.from} onChange={(v) => setFilter((f) => ({ ...f, from: v }))} optional testId="audit-from" />
        </label>
        <label>
          {t('audit.to')} <DateField value={filter.to} onChange={(v) => setFilter((f) => ({ ...f, to: v }))} optional testId="audit-to" />
        </label>
        <label>
          {t('audit.who')} <input value={filter.who} onChange={set('who')} placeholder={t('audit.whoHint')} data-testid="audit-who" />
        </label>
        <label>
          {t('audit.kind')}{' '}
          <select value={filter.kind} onChange={set('kind')} data-testid="audit-kind">
            <option value="">{t('audit.kind.all')}</option>
            {AUDIT_FAMILIES.map((k) => (
              <option key={k} value={k}>
                {t(`audit.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.ticket')} <input value={filter.ticketNo} onChange={set('ticketNo')} data-testid="audit-ticket" />
        </label>
        <button type="button" onClick={() => void exportCsv()} disabled={exporting !== null} data-testid="audit-export">
          {exporting === null ? t('audit.export') : t('audit.exporting', { n: exporting })}
        </button>
      </form>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {rows === null ? (
        <p>{t('wall.loading')}</p>
      ) : (
        <>
          <table className="ranking audit-table">
            <TableHead columns={['#', 'audit.col.time', 'audit.col.who', 'audit.col.role', 'audit.col.address', 'audit.col.kind', 'audit.col.ticket', 'audit.col.result']} />
            <tbody>
              {rows.map((r) => (
                <tr key={r.seq} data-testid="audit-row" className={r.kind === 'login.failed' || (r.kind.startsWith('action') && r.result !== 'ok') ? 'audit-refused' : ''}>
                  <td>{r.seq}</td>
                  <td>
                    {formatDay(r.at)} {formatClock(r.at)}
                  </td>
                  <td>{r.who ? <OrgName name={r.who} /> : '—'}</td>
                  <td>{r.role && ROLES.includes(r.role as (typeof ROLES)[number]) ? t(`audit.role.${r.role as (typeof ROLES)[number]}`) : (r.role ?? '—')}</td>
                  <td>{r.address ? <Verbatim>{r.address}</Verbatim> : '—'}</td>
                  <td>{kindLabel(r.kind, t)}</td>
                  <td>{r.ticketNo ?? ''}</td>
                  <td className="audit-result">
                    <AuditResult result={r.result} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!rows.length && !error && <p className="muted">{t('audit.none')}</p>}
          <div className="audit-paging">
            <button type="button" onClick={newer} disabled={!pages.length} data-testid="audit-newer">
              {t('audit.newer')}
            </button>
            <span className="muted">{t('audit.page', { n: pages.length + 1 })}</span>
            <button type="button" onClick={older} disabled={!hasMore} data-testid="audit-older">
              {t('audit.older')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function kindLabel(kind: string, t: ReturnType<typeof useI18n>['t']): string {
  const [family, detail] = kind.split('.', 2) as [string, string | undefined];
  const f = (AUDIT_FAMILIES as readonly string[]).includes(family) ? t(`audit.kind.${family as (typeof AUDIT_FAMILIES)[number]}`) : family;
  const d = detail && `audit.op.${detail}` in CATALOGUE ? t(`audit.op.${detail}` as MessageKey) : detail;
  return d ? `${f} · ${d}` : f;
}

/**
 * An entry's result as the hub recorded it: "ok" (with what it concerned), "code: message" for a refusal, or a
 * console change's own summary. The outcome in the user's words; the record itself kept as written beside it.
 */
function AuditResult({ result }: { result: string }) {
  const { t, locale } = useI18n();
  const ok = /^ok\b\s*(.*)$/.exec(result);
  if (ok) return <>{t('audit.result.ok')}{ok[1] ? <> <Verbatim className="muted">{ok[1]}</Verbatim></> : null}</>;
  const refused = /^([a-zA-Z]+): ([\s\S]*)$/.exec(result);
  if (refused) return <>{`error.${refused[1]}` in CATALOGUE ? describeError(locale, { code: refused[1] }) : t('audit.result.refused')} <Verbatim className="muted">{refused[2]}</Verbatim></>;
  return <Verbatim>{result}</Verbatim>;
}
