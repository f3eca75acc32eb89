/**
 * The console store's migrations, listed explicitly in order (an in-code provider: no file-system
 * scanning, so the bundled app and the tests see the same list). Names only ever increase; never edit a shipped one.
 */
import type { MigrationList } from '../migrate';
import * as m0001 from './0001-tickets';
import * as m0002 from './0002-sync-state';
import * as m0003 from './0003-timeline-outbox-quarantine';
import * as m0004 from './0004-kpi-settings';
import * as m0005 from './0005-warnings-tally';
import * as m0006 from './0006-meetings';
import * as m0007 from './0007-routing-rules';
import * as m0008 from './0008-escalation-lookups';
import * as m0009 from './0009-change-marks';
import * as m0010 from './0010-set-aside-indexes';
import * as m0011 from './0011-resolved-day-index';
import * as m0012 from './0012-resolved-day-covering';
import * as m0013 from './0013-ticket-placement';
import * as m0014 from './0014-sums-by-the-writer';
import * as m0015 from './0015-reports';
import * as m0016 from './0016-registers';

export const MIGRATIONS: MigrationList = [
  ['0001-tickets', m0001],
  ['0002-sync-state', m0002],
  ['0003-timeline-outbox-quarantine', m0003],
  ['0004-kpi-settings', m0004],
  ['0005-warnings-tally', m0005],
  ['0006-meetings', m0006],
  ['0007-routing-rules', m0007],
  ['0008-escalation-lookups', m0008],
  ['0009-change-marks', m0009],
  ['0010-set-aside-indexes', m0010],
  ['0011-resolved-day-index', m0011],
  ['0012-resolved-day-covering', m0012],
  ['0013-ticket-placement', m0013],
  ['0014-sums-by-the-writer', m0014],
  ['0015-reports', m0015],
  ['0016-registers', m0016],
];
