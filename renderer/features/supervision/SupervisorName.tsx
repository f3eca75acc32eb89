/** A supervisor as the screens name them: a work group by its name, a person by name and role. */
import type { Person, SupervisorRef } from '../../../shared/supervision';
import { useI18n } from '../../app/i18n';

export function useSupervisorName(people: readonly Person[]): (ref: SupervisorRef) => string {
  const { t } = useI18n();
  return (ref) => {
    if (ref.type === 'group') return t(`group.${ref.group}`);
    const p = people.find((x) => x.id === ref.id);
    return p ? t('sup.personRole', { name: p.name, role: t(`rosterRole.${p.role}`) }) : '—';
  };
}
