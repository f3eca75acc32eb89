/**
 * Who may call what over a console's transports. The desk console (the Electron window, or the browser page
 * `npm start` opens) may call everything; an extra wall screen, opened with the web host's read-only link,
 * may only read — it shows the wall, it cannot act, change settings or read the audit trail.
 * Every method of the contract is in exactly one list (a test holds new methods to it).
 */
export const WALL_METHODS = [
  'app.info',
  'app.health',
  'tickets.list',
  'tickets.get',
  'tickets.counts',
  'sync.status',
  'sync.quarantine',
  'actions.list',
  'kpi.snapshot',
  'kpi.returnsByUnit',
  'map.pack',
  'map.points',
  'map.heat',
  'settings.wall',
  'settings.displays',
  'settings.ruleChange',
  'warnings.list',
  'warnings.tickets',
  'meetings.list',
  'meetings.followUps',
  'meetings.photo',
  'meetings.suggestAgenda',
  // A wall screen shows the link the chair put up on it: the console lets it signal for that link only.
  'links.signal',
  'links.ice',
  'routing.list',
  'routing.suggest',
] as const;

export const DESK_ONLY_METHODS = [
  'app.embeddedHub',
  'actions.submit',
  'warnings.acknowledge',
  'settings.setWall',
  'settings.preview',
  'settings.undoRuleChange',
  'routing.save',
  'routing.delete',
  'map.setPack',
  'map.resetPack',
  'meetings.act',
  'meetings.decide',
  'meetings.minutes',
  'links.siteKey',
  'audit.list',
  // 导入工单 and its tables: the chair's desk only (uploads, mappings, the category map, the gazetteer).
  'imports.begin',
  'imports.chunk',
  'imports.preview',
  'imports.repreview',
  'imports.start',
  'imports.get',
  'imports.cancel',
  'imports.resume',
  'imports.list',
  'imports.refusedCsv',
  'imports.mappings',
  'imports.categoryMap',
  'imports.saveCategoryMap',
  'imports.gazetteer',
  'imports.loadGazetteer',
  // 报表: made, opened and written on the desk (a wall screen shows the live figures, not the reports).
  'reports.list',
  'reports.generate',
  'reports.open',
  'reports.file',
  'reports.schedule',
  'reports.setSchedule',
  // 督办: the roster, deputies' suggestions, letters, referrals and funds are the desk's (not a public wall's).
  'supervision.registers',
  'supervision.submit',
  'supervision.photo',
  'supervision.letterFile',
  'supervision.unitEvidence',
  'supervision.units',
] as const;

export type Access = 'desk' | 'wall';
const WALL = new Set<string>(WALL_METHODS);
export const mayCall = (access: Access, method: string): boolean => access === 'desk' || WALL.has(method);
