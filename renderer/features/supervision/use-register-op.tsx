/** Submit a change to the registers (into the outbox) and follow it: pending until the hub has it, or refused with
 * the hub's reason in the user's language. `submit` resolves true once the hub has applied the change and false when
 * it is refused, so a form keeps what the user typed until then — a refusal loses nothing; `pending` holds the
 * form's button until then. */
import { useEffect, useRef, useState } from 'react';
import type { RegisterOpInput } from '../../../shared/supervision';
import { describeError } from '../../../shared/i18n/catalogue';
import { useClient } from '../../app/client-context';
import { reportError } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';

/** No item: the id asked for before this form has sent anything. */
const NO_ITEM = '-';

export function useRegisterOp(): { submit: (op: RegisterOpInput) => Promise<boolean>; state: { text: string; refused: boolean } | null; pending: boolean; clear: () => void } {
  const client = useClient();
  const { t, locale } = useI18n();
  const [id, setId] = useState<string>();
  // Followed by its id (not among the latest N: offline, many changes may come after it).
  const item = useLiveQuery('actions.list', { id: id ?? NO_ITEM, limit: 1 }, ['actions.changed'], { when: (p) => id !== undefined && (p as { items: { id: string }[] }).items.some((i) => i.id === id) }).data?.items[0];
  const settle = useRef<{ id: string; resolve: (applied: boolean) => void } | null>(null);
  // From the click until the hub has settled the change: a second click (a double-click, before the outbox has
  // answered) sends nothing.
  const inFlight = useRef(false);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    const waiting = settle.current;
    if (!waiting || !item || waiting.id !== item.id || item.state === 'pending') return;
    settle.current = null;
    waiting.resolve(item.state === 'delivered');
  }, [item]);
  const submit = async (op: RegisterOpInput) => {
    if (inFlight.current) return false;
    inFlight.current = true;
    setSending(true);
    const done = () => {
      inFlight.current = false;
      setSending(false);
    };
    let queued: string;
    try {
      queued = (await client.call('supervision.submit', op)).id;
    } catch (e) {
      reportError(e);
      done();
      return false;
    }
    const applied = new Promise<boolean>((resolve) => (settle.current = { id: queued, resolve }));
    setId(queued);
    return applied.finally(done);
  };
  const current = item && item.id === id ? item : undefined;
  let state: { text: string; refused: boolean } | null = null;
  if (current?.state === 'pending' || (sending && !current)) state = { text: t('sup.pending'), refused: false };
  if (current?.state === 'rejected') state = { text: t('sup.refused', { reason: describeError(locale, current.refusal ?? { code: 'conflict' }) }), refused: true };
  // While a change waits for the hub (offline: 待同步) its form keeps its values; its button waits too, or the same
  // change could be sent twice.
  const pending = sending || current?.state === 'pending';
  // Once the user edits the form again, an earlier refusal is no longer about what it holds (forms call this from
  // their onChange, which every field's change reaches).
  const clear = () => {
    if (!pending && id !== undefined) setId(undefined);
  };
  return { submit, state, pending, clear };
}

/** The state line beside a form's button. */
export function OpState({ state }: { state: { text: string; refused: boolean } | null }) {
  if (!state) return null;
  return (
    <span className={`op-state ${state.refused ? 'refused' : 'pending'}`} role={state.refused ? 'alert' : 'status'} data-testid="op-state">
      {state.text}
    </span>
  );
}
