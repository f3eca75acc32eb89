/**
 * Words of the exports for status, satisfaction and channel, to ours. Compared after NFKC and trimming;
 * a status the table does not know refuses its row (a wrong status would mislead the wall), an unknown
 * satisfaction is left empty, an unknown channel is 'other'.
 */
import type { Satisfaction, TicketSource, TicketStatus } from '../domain/ticket';

const STATUS_WORDS: readonly [RegExp, TicketStatus][] = [
  [/^(待受理|已受理|新建|待派单|待分派|已登记|受理|received)$/i, 'received'],
  [/^(已派单|待签收|已分派|已转办|派单|转办|dispatched)$/i, 'dispatched'],
  [/^(已签收|办理中|处理中|处置中|在办|正在办理|待办结|accepted|in progress)$/i, 'accepted'],
  [/^(现场处置|已到场|现场处理中|到场处置|on ?site)$/i, 'onSite'],
  [/^(已办结|已处置|待回访|已办理|办结|已完成|处置完成|resolved)$/i, 'resolved'],
  [/^(已回访|已归档|已关闭|已结案|结案|归档|回访办结|已回访办结|closed)$/i, 'closed'],
  [/^(已退单|退单|已退回|退回|returned)$/i, 'returned'],
  [/^(重办|已重办|重新办理|重启|reopened)$/i, 'reopened'],
];

export function statusOfWord(word: string): TicketStatus | null {
  const w = word.normalize('NFKC').trim();
  for (const [re, s] of STATUS_WORDS) if (re.test(w)) return s;
  return null;
}

export function satisfactionOfWord(word: string): Satisfaction | null {
  const w = word.normalize('NFKC').trim();
  if (/^(非常满意|很满意|十分满意|满意|satisfied|very satisfied)$/i.test(w)) return 'satisfied';
  if (/^(基本满意|比较满意|一般|basically satisfied)$/i.test(w)) return 'basicallySatisfied';
  if (/^(不满意|非常不满意|很不满意|unsatisfied|dissatisfied)$/i.test(w)) return 'unsatisfied';
  return null;
}

export function sourceOfWord(word: string): TicketSource {
  const w = word.normalize('NFKC').trim();
  if (/12345|热线|电话|市长|政务服务|网站|app|微信|小程序|来电/i.test(w)) return 'hotline12345';
  if (/网格|巡查|社会治理|grid/i.test(w)) return 'gridReport';
  if (/人大|代表|联络站/.test(w)) return 'deputyStation';
  return 'other';
}
