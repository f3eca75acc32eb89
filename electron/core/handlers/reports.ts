import type { LiandongContract } from '../../../shared/contract';
import type { Handler } from '../../../shared/rpc/define';
import type { ReportService } from '../reports/report-service';

type ReportMethods = 'reports.list' | 'reports.generate' | 'reports.open' | 'reports.file' | 'reports.schedule' | 'reports.setSchedule';

export function reportHandlers(r: ReportService): { [M in ReportMethods]: Handler<LiandongContract, M> } {
  return {
    'reports.list': async () => ({ reports: await r.list() }),
    'reports.generate': ({ period }) => r.generate(period),
    'reports.open': ({ id }) => r.open(id),
    'reports.file': ({ id, format }) => r.file(id, format),
    'reports.schedule': () => r.schedule(),
    'reports.setSchedule': (s) => r.setSchedule(s),
  };
}
