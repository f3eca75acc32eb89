/**
 * 会议纪要: a meeting's minutes as sections of text (participants and attendance, each ticket with its
 * calls, site reports and decision, responsible units and deadlines), and as Markdown. Pure: the meeting
 * and what the store knows of its tickets in, text out (the PDF is laid out from the same sections).
 */
import type { Meeting } from '../hub-meeting';
import { subDistrictName } from './divisions';
import { liveFor } from '../live-link';

export type MinutesTicket = { ticketNo: string; summary: string; category: string; subDistrictCode: string; address: string };
export type MinutesSection = { heading: string; lines: string[] };
export type Minutes = { title: string; subtitle: string; sections: MinutesSection[] };

const KIND = { onlineCheck: '线上核查点调会', siteCoordination: '现场协调会', supervision: '督查会办会' } as const;
const REASON = { difficult: '疑难', cross: '三跨', warning: '预警', overdue: '超期', chair: '主持人添加' } as const;
const RESPONSIBILITY = { firstContact: '首接负责', assigned: '指定负责', fallback: '兜底负责' } as const;
const when = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const day = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const time = (ms: number | null) => (ms === null ? '—' : when.format(ms));

/** `now`: when the minutes are written (a link still live mid-meeting counts its time up to then). */
export function buildMinutes(m: Meeting, tickets: ReadonlyMap<string, MinutesTicket>, categoryName: (code: string) => string, now?: number): Minutes {
  // While the meeting is under way a station may still come: awaited (未上线, 待应答); absent only once it is over.
  const over = m.endedAt !== null;
  const attendance = m.attendance.map((a) => {
    const rollCall = m.rollCallAt === null ? '' : a.answeredRollCallAt !== null ? `，点名已应答（${time(a.answeredRollCallAt)}）` : over ? '，点名未应答' : '，点名待应答';
    return `${subDistrictName(a.stationCode)}：${a.joinedAt !== null ? `到会（${time(a.joinedAt)} 上线）` : over ? '缺席' : '未上线'}${rollCall}`;
  });
  const sections: MinutesSection[] = [
    {
      heading: '参会情况',
      lines: [
        `主持：${m.chair}`,
        ...attendance,
        ...(m.invitees.departments.length ? [`职能部门：${m.invitees.departments.join('、')}`] : []),
        ...(m.invitees.deputies.length ? [`人大代表 / 工作专班：${m.invitees.deputies.join('、')}`] : []),
      ],
    },
  ];
  m.agenda.forEach((item, i) => {
    const t = tickets.get(item.ticketNo);
    const lines: string[] = [];
    if (t) lines.push(`${subDistrictName(t.subDistrictCode)} · ${categoryName(t.category)}：${t.summary}`, `地址：${t.address}`);
    if (item.reasons.length) lines.push(`列入原因：${item.reasons.map((r) => REASON[r]).join('、')}`);
    for (const c of m.calls.filter((x) => x.ticketNo === item.ticketNo)) {
      lines.push(`呼叫${subDistrictName(c.stationCode)}（${time(c.calledAt)}）：${c.answeredAt !== null ? `${c.answer ?? '收到'}（${((c.answeredAt - c.calledAt) / 1000).toFixed(1)} 秒应答）` : '未应答'}`);
    }
    for (const l of m.links.filter((x) => x.ticketNo === item.ticketNo)) {
      const live = Math.round(liveFor(l, l.endedAt ?? m.endedAt ?? now ?? l.openedAt) / 1000);
      const span = `${time(l.openedAt)}–${l.endedAt !== null ? time(l.endedAt).slice(-5) : '进行中'}`;
      const connected = l.connectedAt !== null ? `接通 ${Math.floor(live / 60)} 分 ${live % 60} 秒${l.cuts ? `，中断 ${l.cuts} 次` : ''}` : '未接通';
      lines.push(`现场连线（${subDistrictName(l.stationCode)}，${l.via === 'phone' ? '网格员手机' : '街道终端'}，${span}）：${connected}；发起 ${l.openedBy}${l.endedBy ? `，结束 ${l.endedBy}` : ''}`);
    }
    for (const r of m.reports.filter((x) => x.ticketNo === item.ticketNo)) {
      lines.push(`现场反馈（${subDistrictName(r.stationCode)}，${time(r.at)}）：${r.note}${r.photoIds.length ? `（照片 ${r.photoIds.length} 张）` : ''}`);
    }
    const d = m.decisions.find((x) => x.ticketNo === item.ticketNo);
    if (d) {
      lines.push(`决定：牵头 ${d.leadDepartment}${d.coDepartments.length ? `；配合 ${d.coDepartments.join('、')}` : ''}；期限 ${day.format(d.deadlineAt)}；${RESPONSIBILITY[d.responsibility]}${d.supervisor ? `；督办 ${d.supervisor}` : ''}`);
      if (d.notes) lines.push(`要求：${d.notes}`);
    } else {
      lines.push('决定：未作决定');
    }
    sections.push({ heading: `${i + 1}. 工单 ${item.ticketNo}`, lines });
  });
  const decided = m.decisions.filter((d) => m.agenda.some((a) => a.ticketNo === d.ticketNo));
  sections.push({
    heading: '责任单位与期限',
    lines: decided.length ? decided.map((d) => `${d.ticketNo}：主办单位 ${d.leadDepartment}；协办单位 ${d.coDepartments.length ? d.coDepartments.join('、') : '无'}；${day.format(d.deadlineAt)} 前办结`) : ['（本次会商未作决定）'],
  });
  return { title: `${m.title}纪要`, subtitle: `${KIND[m.kind]} · ${time(m.startedAt ?? m.createdAt)} 至 ${m.endedAt !== null ? time(m.endedAt) : '进行中'}`, sections };
}

export function minutesMarkdown(x: Minutes): string {
  const out = [`# ${x.title}`, '', x.subtitle, ''];
  for (const s of x.sections) {
    out.push(`## ${s.heading}`, '');
    for (const l of s.lines) out.push(`- ${l.replace(/([\\`*_[\]#])/g, '\\$1')}`);
    out.push('');
  }
  return out.join('\n');
}
