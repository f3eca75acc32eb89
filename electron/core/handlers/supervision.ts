import type { LiandongContract } from '../../../shared/contract';
import type { Handler } from '../../../shared/rpc/define';
import type { SupervisionService } from '../supervision/supervision-service';

type SupervisionMethods = 'supervision.registers' | 'supervision.submit' | 'supervision.photo' | 'supervision.letterFile' | 'supervision.unitEvidence' | 'supervision.units';

export function supervisionHandlers(s: SupervisionService): { [M in SupervisionMethods]: Handler<LiandongContract, M> } {
  return {
    'supervision.registers': () => s.registers(),
    'supervision.submit': (op) => s.submit(op),
    'supervision.photo': ({ id }) => s.photo(id),
    'supervision.letterFile': ({ id }) => s.letterFile(id),
    'supervision.unitEvidence': ({ unit, windowDays }) => s.unitEvidence(unit, windowDays),
    'supervision.units': async ({ windowDays }) => ({ windowDays, units: await s.unitStandings(windowDays) }),
  };
}
