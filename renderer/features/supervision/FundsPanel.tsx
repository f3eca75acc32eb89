/** 应急包: each sub-district's emergency fund — its balance, what was paid from it against which ticket; the chair
 * sets the amount, the chair or the sub-district's station pays an urgent repair before the owner's process ends. */
import { useState } from 'react';
import type { FundState, Registers } from '../../../shared/contract';
import { DIVISIONS } from '../../../shared/domain/divisions';
import { formatDate } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { TableHead } from '../../app/TableHead';
import { OpState, useRegisterOp } from './use-register-op';

const yuan = (n: number) => n.toLocaleString('en-US');


export function FundsPanel({ registers, chair, stationCode }: { registers: Registers; chair: boolean; stationCode: string | null }) {
  const { t } = useI18n();
  return (
    <div className="sup-funds" data-testid="sup-funds">
      {!registers.funds.length && <p className="muted">{t(stationCode ? 'sup.noFund' : 'sup.noFunds')}</p>}
      {registers.funds.map((f) => (
        <FundCard key={f.id} f={f} />
      ))}
      {chair && <SetFund />}
    </div>
  );
}

function FundCard({ f }: { f: FundState }) {
  const { t, locale, place } = useI18n();
  const { submit, state, pending, clear } = useRegisterOp();
  const [ticketNo, setTicketNo] = useState('');
  const [amount, setAmount] = useState('');
  const [purpose, setPurpose] = useState('');
  const n = Number(amount);
  const wholeYuan = Number.isInteger(n) && n > 0; // money is whole yuan
  return (
    <article className="sup-card" data-testid="sup-fund" data-code={f.id}>
      <header>
        <strong>{place(f.id, true)}</strong>
        <span className="sup-fund-balance" data-testid="sup-fund-balance">{t('sup.fundBalance', { balance: yuan(f.balance), amount: yuan(f.amount) })}</span>
      </header>
      <div className="sup-fund-bar" aria-hidden="true">
        <span style={{ width: `${f.amount ? (100 * f.balance) / f.amount : 0}%` }} />
      </div>
      <h4>{t('sup.spends')}</h4>
      <table className="report-table">
        <TableHead columns={['col.ticketNo', 'sup.spendAmount', 'sup.purpose', 'sup.date']} />
        <tbody>
          {!f.spends.length && (
            <tr>
              <td colSpan={4} className="muted">
                {t('sup.noSpends')}
              </td>
            </tr>
          )}
          {[...f.spends].reverse().map((s) => (
            <tr key={s.id}>
              <td className="nowrap">{s.ticketNo}</td>
              <td className="num nowrap">¥{yuan(s.amount)}</td>
              <td>{s.purpose}</td>
              <td className="nowrap">{formatDate(s.at, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        onChange={clear}
        className="sup-next"
        onSubmit={(e) => {
          e.preventDefault();
          if (!wholeYuan || !ticketNo.trim() || !purpose.trim()) return;
          void submit({ op: 'fundSpend', subDistrictCode: f.id, spendId: crypto.randomUUID(), ticketNo: ticketNo.trim(), amount: n, purpose: purpose.trim() }).then((ok) => ok && (setTicketNo(''), setAmount(''), setPurpose('')));
        }}
      >
        <input value={ticketNo} onChange={(e) => setTicketNo(e.target.value)} placeholder={t('sup.ticketNo')} aria-label={t('sup.ticketNo')} className="sup-spend-ticket" data-testid="sup-spend-ticket" />
        <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="numeric" placeholder={t('sup.spendAmount')} aria-label={t('sup.spendAmount')} data-testid="sup-spend-amount" />
        <input value={purpose} onChange={(e) => setPurpose(e.target.value)} placeholder={t('sup.purpose')} aria-label={t('sup.purpose')} data-testid="sup-spend-purpose" />
        <button className="primary" disabled={pending || !wholeYuan || !ticketNo.trim() || !purpose.trim()} data-testid="sup-spend">{t('sup.spend')}</button>
        {amount.trim() !== '' && !wholeYuan && (
          <span className="op-state refused" role="alert" data-testid="sup-spend-problem">
            {t('sup.wholeYuan')}
          </span>
        )}
        <OpState state={state} />
      </form>
    </article>
  );
}

function SetFund() {
  const { t, place } = useI18n();
  const [code, setCode] = useState(DIVISIONS.subDistricts[0]!.code);
  const [amount, setAmount] = useState('500000');
  const { submit, state, pending, clear } = useRegisterOp();
  const n = Number(amount);
  return (
    <form
      onChange={clear}
      className="sup-next sup-set-fund"
      data-testid="sup-set-fund"
      onSubmit={(e) => {
        e.preventDefault();
        if (amount.trim() && Number.isInteger(n) && n >= 0) void submit({ op: 'fundSet', subDistrictCode: code, amount: n });
      }}
    >
      <h4>{t('sup.fundSetTitle')}</h4>
      <select value={code} onChange={(e) => setCode(e.target.value)} aria-label={t('sup.subDistrict')} data-testid="sup-fund-code">
        {DIVISIONS.subDistricts.map(({ code: c }) => (
          <option key={c} value={c}>
            {place(c, true)}
          </option>
        ))}
      </select>
      <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="numeric" aria-label={t('sup.fundAmount')} data-testid="sup-fund-amount" />
      <button className="primary" disabled={pending || !amount.trim() || !Number.isInteger(n) || n < 0} data-testid="sup-fund-set">{t('sup.fundSet')}</button>
      <OpState state={state} />
    </form>
  );
}
