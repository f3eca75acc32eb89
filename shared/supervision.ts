/**
 * The supervision registers (督办台账) of the hub protocol: the roster of deputies and work groups, who supervises
 * which ticket and the steps they took (一线督查, 回访), deputies' suggestions (代表建议: 提 → 交 → 落 → 回),
 * supervision letters (督查意见书), referrals to the discipline office (移送) and each sub-district's emergency fund
 * (应急包). The hub keeps them; each change is an operation sent as an action (kind 'register', through the
 * console's outbox, applied once per id) and gives the record a new place in the registers' own feed, which
 * consoles read with 'registersSince' after the hint 'registers' (stations: the records of their sub-district and
 * the roster).
 */
import { z } from 'zod';
import { SATISFACTIONS, TicketNo } from './domain/ticket';
import { SitePhoto } from './domain/site-photo';

const epochMs = z.number().int().nonnegative();
const StationCode = z.string().regex(/^\d{9}$/, 'a sub-district code (9 digits)');
const line = (max: number) => z.string().trim().max(max);
const named = (max: number) => z.string().trim().min(1).max(max);

/** The station's four work groups: 民生项目组, 执法监督组, 专家咨询组, 专项督导组. */
export const WORK_GROUPS = ['livelihood', 'enforcement', 'experts', 'special'] as const;
export const WorkGroup = z.enum(WORK_GROUPS);
export type WorkGroup = z.infer<typeof WorkGroup>;

/** 人大代表, 站长, 值班站长, 组员 (a work group's member who is not a deputy). */
export const ROSTER_ROLES = ['deputy', 'stationHead', 'dutyHead', 'member'] as const;
export const RosterRole = z.enum(ROSTER_ROLES);
export type RosterRole = z.infer<typeof RosterRole>;

export const PersonFields = z.object({
  id: z.uuid(),
  name: named(50),
  role: RosterRole,
  groups: z.array(WorkGroup).max(WORK_GROUPS.length).default([]),
  /** The sub-district a deputy is elected in or serves (null: the district). */
  subDistrictCode: StationCode.nullable().default(null),
  phone: line(30).default(''),
  /** Left the roster: kept (their past supervision stays theirs), not offered for new tickets. */
  active: z.boolean().default(true),
});
export const Person = PersonFields.extend({ kind: z.literal('person'), updatedAt: epochMs });
export type Person = z.infer<typeof Person>;

/** Who supervises: a person of the roster or one of the work groups. */
export const SupervisorRef = z.discriminatedUnion('type', [z.object({ type: z.literal('person'), id: z.uuid() }), z.object({ type: z.literal('group'), group: WorkGroup })]);
export type SupervisorRef = z.infer<typeof SupervisorRef>;

export const Satisfaction = z.enum(SATISFACTIONS);
/** A supervisor's own step on a ticket: 一线督查 (a site visit, notes and photos) or 回访 (a call-back to the resident). */
export const SupervisionStep = z.object({
  id: z.uuid(),
  type: z.enum(['visit', 'callBack']),
  at: epochMs,
  /** The roster person who took it. */
  personId: z.uuid(),
  notes: line(2000),
  /** Photos of a visit, fetched by id ('registerPhoto'). */
  photoIds: z.array(z.string().max(80)).max(4),
  /** A call-back's answer. */
  satisfaction: Satisfaction.nullable(),
});
export type SupervisionStep = z.infer<typeof SupervisionStep>;
export const Supervision = z.object({
  kind: z.literal('supervision'),
  /** The ticket's number (one supervision per ticket; assigning again changes the supervisor). */
  id: TicketNo,
  subDistrictCode: StationCode,
  supervisor: SupervisorRef,
  assignedAt: epochMs,
  assignedBy: line(100),
  steps: z.array(SupervisionStep).max(200),
  updatedAt: epochMs,
});
export type Supervision = z.infer<typeof Supervision>;

/** 提 (submitted) → 交 (assigned to a lead unit with a deadline) → 落 (the unit reports it done) → 回 (the deputy
 * answered and evaluated; 不满意 sends it back to 交). */
export const SUGGESTION_STAGES = ['submitted', 'assigned', 'done', 'answered'] as const;
export const SuggestionStage = z.enum(SUGGESTION_STAGES);
export type SuggestionStage = z.infer<typeof SuggestionStage>;
export const Suggestion = z.object({
  kind: z.literal('suggestion'),
  id: z.uuid(),
  deputyId: z.uuid(),
  title: named(200),
  content: line(4000),
  subDistrictCode: StationCode.nullable(),
  stage: SuggestionStage,
  leadUnit: line(100).nullable(),
  deadlineAt: epochMs.nullable(),
  /** The unit's report of what it did (落). */
  doneReport: line(4000),
  /** The deputy's evaluation (回). */
  evaluation: Satisfaction.nullable(),
  /** Each stage reached, in order (a reopened suggestion reaches 交 again). */
  history: z.array(z.object({ at: epochMs, stage: SuggestionStage, by: line(100), note: line(2000) })).max(100),
  submittedAt: epochMs,
  updatedAt: epochMs,
});
export type Suggestion = z.infer<typeof Suggestion>;

/** A ticket named in a letter or a referral, with what it shows (超期, 退单 and its reason). */
export const EvidenceTicket = z.object({
  ticketNo: TicketNo,
  summary: line(200),
  why: z.enum(['overdue', 'returned']),
  /** The deadline passed, or the return's date. */
  at: epochMs,
  /** A return's reason as the unit gave it. */
  reason: line(2000),
});
export type EvidenceTicket = z.infer<typeof EvidenceTicket>;

/** 督查意见书: to a handling unit that stalls, with its overdue and returned tickets, tracked until it replies. */
export const Letter = z.object({
  kind: z.literal('letter'),
  id: z.uuid(),
  /** 督查〔2026〕3号: the hub numbers letters by year. */
  number: z.string().max(40),
  unit: named(100),
  subDistrictCode: StationCode.nullable(),
  tickets: z.array(EvidenceTicket).max(200),
  requirement: named(4000),
  replyDueAt: epochMs,
  issuedAt: epochMs,
  issuedBy: line(100),
  reply: line(4000).nullable(),
  repliedAt: epochMs.nullable(),
  updatedAt: epochMs,
});
export type Letter = z.infer<typeof Letter>;

/** 移送: a unit's arbitrary returns (随意退单) or stalling referred to 区纪委 or 作风办, with its evidence. */
export const REFERRAL_OFFICES = ['discipline', 'conduct'] as const;
export const Referral = z.object({
  kind: z.literal('referral'),
  id: z.uuid(),
  unit: named(100),
  subDistrictCode: StationCode.nullable(),
  office: z.enum(REFERRAL_OFFICES),
  grounds: z.enum(['arbitraryReturns', 'stalling']),
  evidence: z.array(EvidenceTicket).min(1).max(200),
  note: line(4000),
  sentAt: epochMs,
  sentBy: line(100),
  answer: line(4000).nullable(),
  answeredAt: epochMs.nullable(),
  updatedAt: epochMs,
});
export type Referral = z.infer<typeof Referral>;

/** 应急包: a sub-district's emergency fund (yuan), from which urgent repairs are paid before the owner's process
 * ends; each spend against its ticket. */
export const FundSpend = z.object({ id: z.uuid(), ticketNo: TicketNo, amount: z.number().int().positive(), purpose: named(500), at: epochMs, by: line(100) });
export type FundSpend = z.infer<typeof FundSpend>;
export const Fund = z.object({
  kind: z.literal('fund'),
  /** The sub-district's code. */
  id: StationCode,
  amount: z.number().int().nonnegative(),
  spends: z.array(FundSpend).max(5000),
  updatedAt: epochMs,
});
export type Fund = z.infer<typeof Fund>;
export const fundBalance = (f: Pick<Fund, 'amount' | 'spends'>): number => f.amount - f.spends.reduce((s, x) => s + x.amount, 0);

export const RegisterRecord = z.discriminatedUnion('kind', [Person, Supervision, Suggestion, Letter, Referral, Fund]);
export type RegisterRecord = z.infer<typeof RegisterRecord>;
export type RegisterKind = RegisterRecord['kind'];
export const REGISTER_KINDS = ['person', 'supervision', 'suggestion', 'letter', 'referral', 'fund'] as const satisfies readonly RegisterKind[];
/** A record's key in a store: its kind and id. */
export const registerKey = (r: Pick<RegisterRecord, 'kind' | 'id'>): string => `${r.kind}:${r.id}`;
/** A record no station reads: a letter or referral about the district as a whole (the chair's). */
export const CHAIR_SCOPE = 'chair';
/** Who reads a record besides the chair: a sub-district's code (its station), null (every console: the roster), or
 * CHAIR_SCOPE (no station: a district-wide letter or referral names other sub-districts' tickets and reasons). */
export function registerScope(r: RegisterRecord): string | null {
  switch (r.kind) {
    case 'person':
      return null;
    case 'fund':
      return r.id;
    case 'letter':
    case 'referral':
      return r.subDistrictCode ?? CHAIR_SCOPE;
    default:
      return r.subDistrictCode;
  }
}

// ——— Operations (the 'register' action's body) ———

const stepBase = { ticketNo: TicketNo, stepId: z.uuid(), personId: z.uuid() };
export const RegisterOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('personSave'), person: PersonFields }),
  z.object({ op: z.literal('supervise'), ticketNo: TicketNo, supervisor: SupervisorRef }),
  z.object({ op: z.literal('visit'), ...stepBase, notes: named(2000), photos: z.array(SitePhoto).max(4).default([]) }),
  z.object({ op: z.literal('callBack'), ...stepBase, notes: line(2000).default(''), satisfaction: Satisfaction }),
  z.object({ op: z.literal('suggestionSubmit'), id: z.uuid(), deputyId: z.uuid(), title: named(200), content: line(4000).default(''), subDistrictCode: StationCode.nullable().default(null) }),
  z.object({ op: z.literal('suggestionAssign'), id: z.uuid(), leadUnit: named(100), deadlineAt: epochMs }),
  z.object({ op: z.literal('suggestionDone'), id: z.uuid(), report: named(4000) }),
  z.object({ op: z.literal('suggestionAnswer'), id: z.uuid(), evaluation: Satisfaction, note: line(2000).default('') }),
  z.object({ op: z.literal('letterIssue'), id: z.uuid(), unit: named(100), subDistrictCode: StationCode.nullable().default(null), tickets: z.array(EvidenceTicket).max(200), requirement: named(4000), replyDueAt: epochMs }),
  z.object({ op: z.literal('letterReply'), id: z.uuid(), reply: named(4000) }),
  z.object({ op: z.literal('referralSend'), id: z.uuid(), unit: named(100), subDistrictCode: StationCode.nullable().default(null), office: z.enum(REFERRAL_OFFICES), grounds: z.enum(['arbitraryReturns', 'stalling']), evidence: z.array(EvidenceTicket).min(1).max(200), note: line(4000).default('') }),
  z.object({ op: z.literal('referralAnswer'), id: z.uuid(), answer: named(4000) }),
  z.object({ op: z.literal('fundSet'), subDistrictCode: StationCode, amount: z.number().int().nonnegative().max(1_000_000_000) }),
  z.object({ op: z.literal('fundSpend'), subDistrictCode: StationCode, spendId: z.uuid(), ticketNo: TicketNo, amount: z.number().int().positive().max(1_000_000_000), purpose: named(500) }),
]);
export type RegisterOp = z.infer<typeof RegisterOp>;
export type RegisterOpInput = z.input<typeof RegisterOp>;
export type RegisterOpName = RegisterOp['op'];

/** socket.io method 'registersSince' (with ack): the records changed after `after`, in seq order (the answer:
 * RegistersSinceAnswer in hub-protocol.ts, beside the hub's error). */
export const RegistersSinceRequest = z.object({ after: z.number().int().nonnegative(), limit: z.number().int().min(1).max(2000).default(500) });
/** A record as the feed carries it (validated one by one by the reader: a record it cannot take is kept aside). */
export const RegisterChange = z.object({ seq: z.number().int().positive(), record: z.unknown() });
/** socket.io event 'registers' (hub → client): the registers changed up to `seq` (read them with registersSince). */
export const RegistersHint = z.object({ seq: z.number().int().positive() });
/** socket.io method 'registerPhoto' (with ack): a visit's photo by id. */
export const RegisterPhotoRequest = z.object({ id: z.string().min(1).max(80) });
