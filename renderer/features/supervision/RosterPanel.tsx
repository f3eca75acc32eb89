/** 名册: the deputies, the station head and duty heads, and the four work groups' members — kept at the hub, edited
 * by the chair (a station reads it). */
import { useState } from 'react';
import type { Registers } from '../../../shared/contract';
import { ROSTER_ROLES, WORK_GROUPS, type Person, type RosterRole, type WorkGroup } from '../../../shared/supervision';
import { DIVISIONS } from '../../../shared/domain/divisions';
import { useI18n } from '../../app/i18n';
import { TableHead } from '../../app/TableHead';
import { OpState, useRegisterOp } from './use-register-op';

export function RosterPanel({ registers, chair }: { registers: Registers; chair: boolean }) {
  const { t, place } = useI18n();
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  return (
    <div className="sup-roster" data-testid="sup-roster">
      {!chair && <p className="muted">{t('sup.rosterChairOnly')}</p>}
      <table className="report-table">
        <TableHead columns={['sup.name', 'sup.role', 'sup.groups', 'sup.subDistrict', 'sup.phone', '']} />
        <tbody>
          {!registers.people.length && (
            <tr>
              <td colSpan={6} className="muted" data-testid="sup-roster-empty">
                {t(chair ? 'sup.rosterEmpty' : 'sup.rosterEmptyStation')}
              </td>
            </tr>
          )}
          {registers.people.map((p) => (
            <tr key={p.id} className={p.active ? '' : 'muted'} data-testid="sup-person">
              <td>{p.name}</td>
              <td>{t(`rosterRole.${p.role}`)}</td>
              <td>{p.groups.map((g) => t(`group.${g}`)).join('、')}</td>
              <td>{p.subDistrictCode ? place(p.subDistrictCode) : t('sup.district')}</td>
              <td>{p.phone}</td>
              <td>{chair && <button type="button" onClick={() => setEditing(p)}>{t('sup.edit')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {chair && editing === null && (
        <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="sup-add-person">
          {t('sup.addPerson')}
        </button>
      )}
      {chair && editing !== null && <PersonForm key={editing === 'new' ? 'new' : editing.id} person={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
    </div>
  );
}

function PersonForm({ person, onDone }: { person: Person | null; onDone: () => void }) {
  const { t, place } = useI18n();
  const [name, setName] = useState(person?.name ?? '');
  const [role, setRole] = useState<RosterRole>(person?.role ?? 'deputy');
  const [groups, setGroups] = useState<WorkGroup[]>(person?.groups ?? []);
  const [code, setCode] = useState(person?.subDistrictCode ?? '');
  const [phone, setPhone] = useState(person?.phone ?? '');
  const [active, setActive] = useState(person?.active ?? true);
  const { submit, state, pending, clear } = useRegisterOp();
  return (
    <form
      onChange={clear}
      className="sup-person-form"
      data-testid="sup-person-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        void submit({ op: 'personSave', person: { id: person?.id ?? crypto.randomUUID(), name: name.trim(), role, groups, subDistrictCode: code || null, phone: phone.trim(), active } }).then((ok) => ok && onDone());
      }}
    >
      <label>
        {t('sup.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} data-testid="sup-person-name" />
      </label>
      <label>
        {t('sup.role')}
        <select value={role} onChange={(e) => setRole(e.target.value as RosterRole)} data-testid="sup-person-role">
          {ROSTER_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`rosterRole.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('sup.subDistrict')}
        <select value={code} onChange={(e) => setCode(e.target.value)} data-testid="sup-person-code">
          <option value="">{t('sup.district')}</option>
          {DIVISIONS.subDistricts.map((s) => (
            <option key={s.code} value={s.code}>
              {place(s.code, true)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('sup.phone')}
        <input value={phone} onChange={(e) => setPhone(e.target.value)} />
      </label>
      <fieldset className="wide">
        <legend>{t('sup.groups')}</legend>
        {WORK_GROUPS.map((g) => (
          <label key={g} className="inline">
            <input type="checkbox" checked={groups.includes(g)} onChange={(e) => setGroups(e.target.checked ? [...groups, g] : groups.filter((x) => x !== g))} data-testid={`sup-person-group-${g}`} />
            {t(`group.${g}`)}
          </label>
        ))}
      </fieldset>
      <label className="inline wide">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} data-testid="sup-person-active" />
        {t('sup.active')}
      </label>
      <div className="wide">
        <button className="primary" disabled={pending || !name.trim()} data-testid="sup-person-save">{t('sup.save')}</button>
        <button type="button" onClick={onDone}>✕</button>
        <OpState state={state} />
      </div>
    </form>
  );
}
