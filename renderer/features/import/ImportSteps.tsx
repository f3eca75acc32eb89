/** Where the chair is: 选择文件 → 核对列 → 导入中 → 导入报告. */
import { useI18n } from '../../app/i18n';

const STEPS = ['choose', 'check', 'running', 'report'] as const;
export type ImportStep = (typeof STEPS)[number];

export function ImportSteps({ at }: { at: ImportStep }) {
  const { t } = useI18n();
  const n = STEPS.indexOf(at);
  return (
    <ol className="import-steps" data-testid="import-steps" data-step={at}>
      {STEPS.map((s, i) => (
        <li key={s} className={i === n ? 'current' : i < n ? 'done' : ''} aria-current={i === n ? 'step' : undefined}>
          <span className="import-step-no">{i + 1}</span>
          {t(`import.step.${s}`)}
        </li>
      ))}
    </ol>
  );
}
