/**
 * What an operation on the supervision registers does — pure: the records it touches in, the new records (and
 * the step it adds to a ticket's timeline) or a refusal out. Who may do what is decided here too: the roster,
 * letters and referrals are the chair's; a station enters and moves its own sub-district's suggestions, steps
 * and fund spends, and records a letter's reply addressed to it.
 */
import type { RegisterOp, RegisterRecord, Person, Supervision, Suggestion, Letter, Referral, Fund, SupervisorRef } from '../supervision';
import { fundBalance, registerKey } from '../supervision';
import type { TicketRecord, TimelineEntry } from './ticket';
import type { ErrorCode } from '../rpc/errors';
import { subDistrictName } from './divisions';

export const WORK_GROUP_NAMES = { livelihood: '民生项目组', enforcement: '执法监督组', experts: '专家咨询组', special: '专项督导组' } as const;
const SATISFACTION_NAMES = { satisfied: '满意', basicallySatisfied: '基本满意', unsatisfied: '不满意' } as const;

export type RegisterActor = { role: 'chair' | 'station' | 'viewer' | 'ingest'; stationCode: string | null; name: string };

/** What an operation needs to be decided: the record it changes (if it exists), the roster person it names,
 * the ticket it concerns, and for a letter the letters already issued this year. */
export type RegisterInputs = {
  target: RegisterRecord | undefined;
  person: Person | undefined;
  ticket: TicketRecord | undefined;
  lettersThisYear: number;
};

/** The keys an operation reads (registerKey form), and the ticket it concerns. */
export function registerNeeds(op: RegisterOp): { target: string; personId: string | null; ticketNo: string | null } {
  switch (op.op) {
    case 'personSave':
      return { target: registerKey({ kind: 'person', id: op.person.id }), personId: null, ticketNo: null };
    case 'supervise':
      return { target: registerKey({ kind: 'supervision', id: op.ticketNo }), personId: op.supervisor.type === 'person' ? op.supervisor.id : null, ticketNo: op.ticketNo };
    case 'visit':
    case 'callBack':
      return { target: registerKey({ kind: 'supervision', id: op.ticketNo }), personId: op.personId, ticketNo: op.ticketNo };
    case 'suggestionSubmit':
      return { target: registerKey({ kind: 'suggestion', id: op.id }), personId: op.deputyId, ticketNo: null };
    case 'suggestionAssign':
    case 'suggestionDone':
    case 'suggestionAnswer':
      return { target: registerKey({ kind: 'suggestion', id: op.id }), personId: null, ticketNo: null };
    case 'letterIssue':
    case 'letterReply':
      return { target: registerKey({ kind: 'letter', id: op.id }), personId: null, ticketNo: null };
    case 'referralSend':
    case 'referralAnswer':
      return { target: registerKey({ kind: 'referral', id: op.id }), personId: null, ticketNo: null };
    case 'fundSet':
      return { target: registerKey({ kind: 'fund', id: op.subDistrictCode }), personId: null, ticketNo: null };
    case 'fundSpend':
      return { target: registerKey({ kind: 'fund', id: op.subDistrictCode }), personId: null, ticketNo: op.ticketNo };
  }
}

export type RegisterOutcome =
  | { ok: true; record: RegisterRecord; step?: TimelineEntry; photos?: { id: string; dataUrl: string }[] }
  | { ok: false; code: ErrorCode; message: string; reason: string; params?: Record<string, string | number> };

const refuse = (code: ErrorCode, message: string, reason: string, params?: Record<string, string | number>): RegisterOutcome => ({ ok: false, code, message, reason, ...(params ? { params } : {}) });

export function supervisorName(ref: SupervisorRef, person: Pick<Person, 'name'> | undefined): string {
  return ref.type === 'group' ? WORK_GROUP_NAMES[ref.group] : (person?.name ?? '—');
}

/** The year in Beijing (letters are numbered by it). */
export const beijingYear = (at: number) => new Date(at + 8 * 3_600_000).getUTCFullYear();
const yuan = (n: number) => `¥${n.toLocaleString('en-US')}`;

export function applyRegisterOp(op: RegisterOp, inputs: RegisterInputs, actor: RegisterActor, now: number): RegisterOutcome {
  if (actor.role === 'viewer' || actor.role === 'ingest') return refuse('unauthorized', `a ${actor.role} token cannot change the registers`, 'roleCannotAct', { role: actor.role });
  const chair = actor.role === 'chair';
  const by = !chair && actor.stationCode ? subDistrictName(actor.stationCode) : actor.name || '区指挥中心';
  const chairOnly = () => refuse('unauthorized', '只有区指挥中心可以进行此操作 (the chair\'s)', 'chairOnly');
  /** A station acts on its own sub-district only. */
  const outside = (code: string | null) => !chair && code !== actor.stationCode;
  const otherSubDistrict = (code: string | null) => refuse('unauthorized', `不能处理其他街道的事项 (${code ?? 'district'})`, 'otherSubDistrict', { subDistrict: code ?? '' });
  const { target, person, ticket } = inputs;
  const missing = (what: string, id: string) => refuse('notFound', `${what} ${id} 不存在`, 'registerNotFound', { id });
  /** A deadline (交's, a letter's reply) already past when the hub applies the step cannot be met. */
  const pastDeadline = () => refuse('badRequest', '期限已过，请选择今后的日期', 'deadlinePassed');
  const noTicket = (no: string) => refuse('notFound', `工单 ${no} 不存在`, 'ticketNotFound', { ticketNo: no });
  const step = (kind: TimelineEntry['kind'], note: string): TimelineEntry => ({ at: now, kind, actor: by, note: note.slice(0, 2000) });

  switch (op.op) {
    case 'personSave': {
      if (!chair) return chairOnly();
      return { ok: true, record: { kind: 'person', ...op.person, updatedAt: now } };
    }
    case 'supervise': {
      if (!ticket) return noTicket(op.ticketNo);
      if (outside(ticket.ticket.subDistrictCode)) return otherSubDistrict(ticket.ticket.subDistrictCode);
      if (op.supervisor.type === 'person' && !person?.active) return refuse('conflict', '督办人不在名册中 (not on the roster)', 'notOnRoster');
      const before = target as Supervision | undefined;
      const record: Supervision = {
        kind: 'supervision',
        id: op.ticketNo,
        subDistrictCode: ticket.ticket.subDistrictCode,
        supervisor: op.supervisor,
        assignedAt: now,
        assignedBy: by,
        steps: before?.steps ?? [],
        updatedAt: now,
      };
      return { ok: true, record, step: step('supervised', `督办：${supervisorName(op.supervisor, person)}`) };
    }
    case 'visit':
    case 'callBack': {
      const before = target as Supervision | undefined;
      if (!ticket) return noTicket(op.ticketNo);
      if (!before) return refuse('conflict', `工单 ${op.ticketNo} 尚未指定督办人 (not supervised)`, 'notSupervised', { ticketNo: op.ticketNo });
      if (outside(before.subDistrictCode)) return otherSubDistrict(before.subDistrictCode);
      if (!person) return refuse('conflict', '督办人不在名册中 (not on the roster)', 'notOnRoster');
      if (before.steps.some((s) => s.id === op.stepId)) return refuse('conflict', 'this step was recorded already', 'stepRecorded');
      const photos = op.op === 'visit' ? op.photos.map((dataUrl, i) => ({ id: `${op.stepId}-${i}`, dataUrl })) : [];
      const satisfaction = op.op === 'callBack' ? op.satisfaction : null;
      const record: Supervision = {
        ...before,
        steps: [...before.steps, { id: op.stepId, type: op.op, at: now, personId: op.personId, notes: op.notes, photoIds: photos.map((p) => p.id), satisfaction }],
        updatedAt: now,
      };
      const note = op.op === 'visit' ? `一线督查（${person.name}）：${op.notes}` : `代表回访（${person.name}）：${SATISFACTION_NAMES[op.satisfaction]}${op.notes ? `；${op.notes}` : ''}`;
      return { ok: true, record, step: step(op.op === 'visit' ? 'siteVisited' : 'deputyCalledBack', note), photos };
    }
    case 'suggestionSubmit': {
      if (target) return refuse('conflict', 'this suggestion exists already', 'registerExists', { id: op.id });
      if (!person || person.role !== 'deputy') return refuse('conflict', '提出人须为名册中的人大代表 (a deputy of the roster)', 'notADeputy');
      const code = chair ? op.subDistrictCode : actor.stationCode;
      const record: Suggestion = {
        kind: 'suggestion',
        id: op.id,
        deputyId: op.deputyId,
        title: op.title,
        content: op.content,
        subDistrictCode: code,
        stage: 'submitted',
        leadUnit: null,
        deadlineAt: null,
        doneReport: '',
        evaluation: null,
        history: [{ at: now, stage: 'submitted', by, note: '' }],
        submittedAt: now,
        updatedAt: now,
      };
      return { ok: true, record };
    }
    case 'suggestionAssign':
    case 'suggestionDone':
    case 'suggestionAnswer': {
      const before = target as Suggestion | undefined;
      if (!before) return missing('代表建议', op.id);
      if (outside(before.subDistrictCode)) return otherSubDistrict(before.subDistrictCode);
      const from: Record<typeof op.op, readonly Suggestion['stage'][]> = { suggestionAssign: ['submitted', 'assigned'], suggestionDone: ['assigned'], suggestionAnswer: ['done'] };
      if (!from[op.op].includes(before.stage)) return refuse('conflict', `建议处于「${before.stage}」阶段，不能执行该步骤`, 'suggestionStage', { stage: before.stage });
      if (op.op === 'suggestionAssign') {
        if (op.deadlineAt <= now) return pastDeadline();
        const record: Suggestion = { ...before, stage: 'assigned', leadUnit: op.leadUnit, deadlineAt: op.deadlineAt, history: [...before.history, { at: now, stage: 'assigned' as const, by, note: op.leadUnit }].slice(-100), updatedAt: now };
        return { ok: true, record };
      }
      if (op.op === 'suggestionDone') {
        const record: Suggestion = { ...before, stage: 'done', doneReport: op.report, history: [...before.history, { at: now, stage: 'done' as const, by, note: op.report }].slice(-100), updatedAt: now };
        return { ok: true, record };
      }
      const answered = { at: now, stage: 'answered' as const, by, note: [SATISFACTION_NAMES[op.evaluation], op.note].filter(Boolean).join('；') };
      // 不满意 reopens it: back to 交, with the same unit, to be carried out again.
      const history = op.evaluation === 'unsatisfied' ? [...before.history, answered, { at: now, stage: 'assigned' as const, by, note: `重新交办：${before.leadUnit ?? ''}` }] : [...before.history, answered];
      const record: Suggestion = { ...before, stage: op.evaluation === 'unsatisfied' ? 'assigned' : 'answered', evaluation: op.evaluation, history: history.slice(-100), updatedAt: now };
      return { ok: true, record };
    }
    case 'letterIssue': {
      if (!chair) return chairOnly();
      if (target) return refuse('conflict', 'this letter exists already', 'registerExists', { id: op.id });
      if (op.replyDueAt <= now) return pastDeadline();
      const record: Letter = {
        kind: 'letter',
        id: op.id,
        number: `督查〔${beijingYear(now)}〕${inputs.lettersThisYear + 1}号`,
        unit: op.unit,
        subDistrictCode: op.subDistrictCode,
        tickets: op.tickets,
        requirement: op.requirement,
        replyDueAt: op.replyDueAt,
        issuedAt: now,
        issuedBy: by,
        reply: null,
        repliedAt: null,
        updatedAt: now,
      };
      return { ok: true, record };
    }
    case 'letterReply': {
      const before = target as Letter | undefined;
      if (!before) return missing('督查意见书', op.id);
      if (outside(before.subDistrictCode)) return otherSubDistrict(before.subDistrictCode);
      if (before.repliedAt !== null) return refuse('conflict', '该督查意见书已回复 (replied already)', 'letterReplied');
      return { ok: true, record: { ...before, reply: op.reply, repliedAt: now, updatedAt: now } };
    }
    case 'referralSend': {
      if (!chair) return chairOnly();
      if (target) return refuse('conflict', 'this referral exists already', 'registerExists', { id: op.id });
      const record: Referral = { kind: 'referral', id: op.id, unit: op.unit, subDistrictCode: op.subDistrictCode, office: op.office, grounds: op.grounds, evidence: op.evidence, note: op.note, sentAt: now, sentBy: by, answer: null, answeredAt: null, updatedAt: now };
      return { ok: true, record };
    }
    case 'referralAnswer': {
      if (!chair) return chairOnly();
      const before = target as Referral | undefined;
      if (!before) return missing('移送', op.id);
      if (before.answeredAt !== null) return refuse('conflict', '该移送已有答复 (answered already)', 'referralAnswered');
      return { ok: true, record: { ...before, answer: op.answer, answeredAt: now, updatedAt: now } };
    }
    case 'fundSet': {
      if (!chair) return chairOnly();
      const before = target as Fund | undefined;
      const spent = before ? before.amount - fundBalance(before) : 0;
      if (op.amount < spent) return refuse('conflict', `应急包已支出 ${yuan(spent)}，额度不能低于此数`, 'fundBelowSpent', { spent });
      return { ok: true, record: { kind: 'fund', id: op.subDistrictCode, amount: op.amount, spends: before?.spends ?? [], updatedAt: now } };
    }
    case 'fundSpend': {
      if (outside(op.subDistrictCode)) return otherSubDistrict(op.subDistrictCode);
      const before = target as Fund | undefined;
      if (!before) return refuse('conflict', `${subDistrictName(op.subDistrictCode)}尚未设立应急包 (no fund)`, 'noFund', { subDistrict: op.subDistrictCode });
      if (!ticket) return noTicket(op.ticketNo);
      if (ticket.ticket.subDistrictCode !== op.subDistrictCode) return refuse('conflict', `工单 ${op.ticketNo} 不属于${subDistrictName(op.subDistrictCode)}`, 'ticketOtherSubDistrict', { ticketNo: op.ticketNo });
      if (before.spends.some((s) => s.id === op.spendId)) return refuse('conflict', 'this spend was recorded already', 'stepRecorded');
      const balance = fundBalance(before);
      if (op.amount > balance) return refuse('conflict', `应急包余额 ${yuan(balance)}，不足以支出 ${yuan(op.amount)}`, 'fundInsufficient', { balance, amount: op.amount });
      const record: Fund = { ...before, spends: [...before.spends, { id: op.spendId, ticketNo: op.ticketNo, amount: op.amount, purpose: op.purpose, at: now, by }], updatedAt: now };
      return { ok: true, record, step: step('fundSpent', `应急包先行支付 ${yuan(op.amount)}：${op.purpose}`) };
    }
  }
}
