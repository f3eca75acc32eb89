/**
 * A number a duty head sets: checked as it is typed against the contract's limits, the reason shown next to
 * it when it cannot be taken; taken on Enter or on leaving the field. A refused value stays in the field
 * (nothing typed is lost) and the stored value stands.
 */
import { useEffect, useRef, useState } from 'react';
import { SETTING_LIMITS, settingAllowed, type SettingField } from '../../../shared/contract/settings';
import { errorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';

export function NumberSetting({ field, label, value, testId, onCommit }: { field: SettingField; label: string; value: number; testId: string; onCommit: (n: number) => Promise<unknown> }) {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState(String(value));
  const [refused, setRefused] = useState<string | null>(null);
  // The value last handed on (Enter, then leaving the field, hands it on once).
  const handedOn = useRef<number | null>(null);
  useEffect(() => {
    setDraft(String(value));
    setRefused(null);
    handedOn.current = null;
  }, [value]);
  const n = draft.trim() === '' ? Number.NaN : Number(draft);
  const allowed = settingAllowed(field, n);
  const problem = allowed ? refused : t(`settings.limit.${field}`, SETTING_LIMITS[field]);
  const commit = () => {
    if (!allowed || n === value || n === handedOn.current) return;
    handedOn.current = n;
    onCommit(n).catch((e: unknown) => ((handedOn.current = null), setRefused(errorText(e, locale))));
  };
  const { min, max } = SETTING_LIMITS[field];
  return (
    <label className="setting-field">
      <span className="setting-label">{label}</span>
      <input
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={draft}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${testId}-error` : undefined}
        onChange={(e) => (setDraft(e.target.value), setRefused(null))}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        data-testid={testId}
      />
      {problem && (
        <span className="setting-error" role="alert" id={`${testId}-error`} data-testid={`${testId}-error`}>
          {problem}
          {t('settings.notSaved', { value })}
        </span>
      )}
    </label>
  );
}
