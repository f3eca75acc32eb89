/**
 * Every string the UI shows, zh-CN first, English second — once, here.
 * Domain labels (statuses, whistle levels, categories, sources) sit next to their keys.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

type Entry = readonly [zh: string, en: string];

export const CATALOGUE = {
  'app.title': ['联动 · 区域社会治理现代化指挥中心', 'Liandong · District Command Centre'],
  'app.district': ['崇川区', 'Chongchuan District'],

  'status.received': ['待派单', 'Received'],
  'status.dispatched': ['已派单', 'Dispatched'],
  'status.accepted': ['已签收', 'Accepted'],
  'status.onSite': ['处置中', 'On site'],
  'status.resolved': ['待回访', 'Resolved'],
  'status.closed': ['已办结', 'Closed'],
  'status.returned': ['已退单', 'Returned'],
  'status.reopened': ['重办', 'Reopened'],

  'whistle.routine': ['常规哨', 'Routine'],
  'whistle.key': ['重点哨', 'Key'],
  'whistle.difficult': ['疑难哨', 'Difficult'],

  'source.hotline12345': ['12345热线', '12345 hotline'],
  'source.gridReport': ['网格上报', 'Grid report'],
  'source.deputyStation': ['代表联络站', 'Deputy station'],
  'source.other': ['其他', 'Other'],

  'cross.region': ['跨区域', 'Cross-region'],
  'cross.level': ['跨层级', 'Cross-level'],
  'cross.department': ['跨部门', 'Cross-department'],
  'cross.any': ['三跨', 'Cross-boundary'],

  'satisfaction.satisfied': ['满意', 'Satisfied'],
  'satisfaction.basicallySatisfied': ['基本满意', 'Basically satisfied'],
  'satisfaction.unsatisfied': ['不满意', 'Unsatisfied'],

  'category.propertyManagement': ['物业管理', 'Property management'],
  'category.lift': ['电梯', 'Lifts'],
  'category.roofLeak': ['屋面漏雨', 'Leaking roof'],
  'category.greeneryDamage': ['绿化破坏', 'Greenery damage'],
  'category.streetVending': ['占道经营', 'Street vending'],
  'category.fumesNoise': ['油烟噪声', 'Fumes and noise'],
  'category.loadBearingWall': ['拆改承重墙', 'Load-bearing wall alteration'],
  'category.consumerDispute': ['消费维权', 'Consumer dispute'],
  'category.parking': ['停车', 'Parking'],
  'category.drains': ['下水道', 'Drains'],
  'category.trafficLight': ['信号灯', 'Traffic lights'],
  'category.other': ['其他', 'Other'],

  'event.received': ['受理', 'Received'],
  'event.dispatched': ['派单', 'Dispatched'],
  'event.accepted': ['签收', 'Accepted'],
  'event.onSite': ['到场处置', 'On site'],
  'event.resolved': ['办结', 'Resolved'],
  'event.calledBack': ['回访', 'Called back'],
  'event.closed': ['结案', 'Case closed'],
  'event.returned': ['退单', 'Returned'],
  'event.reopened': ['重办', 'Reopened'],
  'event.escalated': ['哨声升级', 'Escalated'],
  'event.acknowledged': ['收到', 'Acknowledged'],
  'event.commented': ['备注', 'Comment'],

  'conn.online': ['在线', 'Online'],
  'conn.offline': ['离线', 'Offline'],
  'conn.connecting': ['连接中', 'Connecting'],
  'conn.lastSync': ['最近同步', 'Last sync'],
  'conn.never': ['尚未同步', 'Never synced'],
  'conn.source.demo': ['演示数据', 'Demo data'],
  'conn.source.hub': ['枢纽', 'Hub'],
  'conn.lostLink': ['与主程序的连接已断开,正在重连…', 'Lost the link to the console service, reconnecting…'],
  'conn.lag': ['延迟', 'Lag'],
  'conn.pending': ['待发送 {n}', '{n} to send'],
  'conn.syncing': ['正在同步 {pct}%', 'Syncing {pct}%'],
  'conn.offlineBanner': ['离线:显示本地数据(最近同步 {time}),操作将在恢复连接后发送', 'Offline: showing local data (last sync {time}); actions will be sent on reconnect'],
  'conn.lagBanner': ['数据延迟 {seconds} 秒', 'Data is {seconds} s behind'],

  'sync.title': ['同步状态', 'Sync status'],
  'sync.hub': ['枢纽', 'Hub'],
  'sync.embedded': ['内置演示枢纽', 'Embedded demo hub'],
  'sync.lastSeq': ['同步序号', 'Sequence'],
  'sync.lastError': ['最近错误', 'Last error'],
  'sync.outbox': ['待发送与被拒绝的操作', 'Actions pending or refused'],
  'sync.outboxEmpty': ['没有待发送的操作', 'Nothing waiting to be sent'],
  'sync.quarantine': ['隔离区(无法应用的记录)', 'Quarantine (records that could not be applied)'],
  'sync.quarantineEmpty': ['隔离区为空', 'Nothing quarantined'],
  'sync.close': ['关闭', 'Close'],

  'action.state.pending': ['待发送', 'Pending'],
  'action.state.delivered': ['已送达', 'Delivered'],
  'action.state.rejected': ['被拒绝', 'Refused'],
  'action.kind.acknowledge': ['收到', 'Acknowledge'],
  'action.kind.comment': ['备注', 'Comment'],
  'action.kind.status': ['状态变更', 'Status change'],
  'action.acknowledge': ['收到', 'Acknowledge'],
  'action.comment': ['添加备注', 'Add comment'],
  'action.commentPlaceholder': ['输入备注…', 'Write a comment…'],
  'action.send': ['提交', 'Submit'],
  'action.to': ['转为:{status}', 'Set: {status}'],
  'action.reason': ['退单理由', 'Reason for return'],
  'action.satisfaction': ['回访满意度', 'Call-back satisfaction'],
  'action.attempts': ['已尝试 {n} 次', '{n} attempts'],

  'card.title': ['工单详情', 'Ticket'],
  'card.caller': ['来电人', 'Caller'],
  'card.address': ['地址', 'Address'],
  'card.grid': ['网格', 'Grid'],
  'card.unit': ['承办单位', 'Handling unit'],
  'card.lead': ['牵头部门', 'Lead department'],
  'card.co': ['协办部门', 'Co-departments'],
  'card.deadline': ['办理时限', 'Deadline'],
  'card.timeline': ['流转记录', 'Timeline'],
  'card.actions': ['操作', 'Actions'],

  'wall.openTickets': ['在办工单', 'Open tickets'],
  'wall.total': ['工单总数', 'All tickets'],
  'wall.overdue': ['超期', 'Overdue'],
  'wall.stream': ['实时工单', 'Live tickets'],
  'wall.bySubDistrict': ['街道在办', 'Open by sub-district'],
  'wall.empty': ['暂无工单', 'No tickets'],
  'wall.loading': ['正在加载…', 'Loading…'],
  'wall.totalCount': ['共 {total} 件', '{total} tickets'],
  'wall.language': ['English', '中文'],

  'map.title': ['工单地图', 'Ticket map'],
  'map.schematic': ['示意', 'Schematic'],
  'map.schematicHint': ['街道边界为示意，非测绘数据；可在设置中载入本区 GIS 导出', 'Sub-district shapes are schematic, not survey data; load your GIS export in settings'],
  'map.openPoints': ['在办 {n} 件', '{n} open'],
  'view.overview': ['总览', 'Overview'],
  'view.kpi': ['指标', 'KPIs'],
  'view.settings': ['设置', 'Settings'],
  'kpi.title': ['运行指标', 'Key indicators'],
  'kpi.todayIntake': ['今日受理', 'Received today'],
  'kpi.open': ['在办', 'Open'],
  'kpi.overdue': ['超期', 'Overdue'],
  'kpi.closedRate': ['办结率', 'Closure rate'],
  'kpi.onTimeRate': ['按时办结率', 'On-time rate'],
  'kpi.satisfactionRate': ['满意率', 'Satisfaction'],
  'kpi.returns': ['退单', 'Returns'],
  'kpi.windowNote': ['比率按近 {days} 天受理工单计', 'Rates over tickets received in the last {days} days'],
  'kpi.hourly': ['今日分时受理', 'Today by hour'],
  'kpi.daily': ['近 {days} 天受理与办结', 'Received and closed, last {days} days'],
  'kpi.intake': ['受理', 'Received'],
  'kpi.done': ['办结', 'Closed'],
  'kpi.hotCategories': ['近 7 天热点分类', 'Hot categories, last 7 days'],
  'kpi.ranking': ['街道排行', 'Sub-district ranking'],
  'kpi.subDistrict': ['街道', 'Sub-district'],
  'kpi.none': ['—', '—'],
  'settings.title': ['设置', 'Settings'],
  'settings.mapPack': ['区域地图包', 'District map pack'],
  'settings.mapPackBuiltin': ['内置示意图（崇川区 16 个街道）', 'Built-in schematic (16 sub-districts of Chongchuan)'],
  'settings.mapPackCustom': ['已载入本区 GIS 导出', 'Your GIS export is loaded'],
  'settings.mapPackLoad': ['载入 GeoJSON…', 'Load GeoJSON…'],
  'settings.mapPackReset': ['恢复内置地图', 'Back to the built-in map'],
  'settings.mapPackLoaded': ['地图包已载入：{n} 个区域', 'Map pack loaded: {n} areas'],
  'settings.mapPackMissing': ['缺少以下街道的区域：{names}', 'No area for: {names}'],
  'settings.playlist': ['大屏轮播', 'Wall playlist'],
  'settings.playlistOn': ['轮播视图', 'Rotate views'],
  'settings.playlistEvery': ['间隔（秒）', 'Every (seconds)'],
  'settings.display': ['大屏显示器', 'Wall display'],
  'settings.softReload': ['每日定时刷新（小时，0 为关闭）', 'Soft reload every (hours, 0 = off)'],
  'settings.saved': ['已保存', 'Saved'],
  'filter.search': ['搜索编号、内容、地址', 'Search number, text, address'],
  'filter.allSubDistricts': ['全部街道', 'All sub-districts'],
  'filter.allCategories': ['全部分类', 'All categories'],
  'filter.allStatuses': ['全部状态', 'All statuses'],
  'filter.open': ['在办', 'Open'],
  'filter.clear': ['清除筛选', 'Clear filters'],

  'col.ticketNo': ['工单编号', 'Ticket'],
  'col.receivedAt': ['受理时间', 'Received'],
  'col.source': ['来源', 'Source'],
  'col.category': ['分类', 'Category'],
  'col.summary': ['诉求内容', 'Request'],
  'col.subDistrict': ['街道', 'Sub-district'],
  'col.whistle': ['哨声', 'Whistle'],
  'col.status': ['状态', 'Status'],
  'col.deadline': ['办理时限', 'Deadline'],

  'error.generic': ['操作失败:{message}', 'Failed: {message}'],
  'error.badRequest': ['请求格式错误:{message}', 'Malformed request: {message}'],
  'error.unknownMethod': ['未知的操作:{message}', 'Unknown operation: {message}'],
  'error.notFound': ['未找到:{message}', 'Not found: {message}'],
  'error.unauthorized': ['无权访问:{message}', 'Not authorised: {message}'],
  'error.internal': ['内部错误:{message}', 'Internal error: {message}'],
} as const satisfies Record<string, Entry>;

export type MessageKey = keyof typeof CATALOGUE;

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const entry: Entry = CATALOGUE[key];
  let s = locale === 'en' ? entry[1] : entry[0];
  if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** For codes that may be unknown (categories from a hub): the label if known, else the code. */
export function labelOr(locale: Locale, key: string, fallback: string): string {
  return key in CATALOGUE ? translate(locale, key as MessageKey) : fallback;
}
