/**
 * Supervision area (督办): the registers the hub keeps (shared/supervision.ts) as the console holds them — the
 * roster, the supervised tickets with their state, deputies' suggestions, letters, referrals, the emergency
 * funds — and their changes, each through the outbox (kind 'register').
 */
import { z } from 'zod';
import { EvidenceTicket, Fund, Letter, Person, Referral, RegisterOp, Suggestion, Supervision } from '../supervision';
import { TicketStatus, WhistleLevel } from '../domain/ticket';
import { OutboxItem } from './actions';

/** A supervised ticket as the board shows it: the supervision, the ticket as it now is, and whether its loop is
 * closed (the ticket closed and the supervisor's last call-back satisfied). */
export const SupervisedTicket = Supervision.extend({
  ticket: z
    .object({ summary: z.string(), status: TicketStatus, deadlineAt: z.number().int(), whistleLevel: WhistleLevel, difficult: z.boolean() })
    .nullable(),
  overdue: z.boolean(),
  closedLoop: z.boolean(),
  /** When the loop closed (the later of the ticket's close and the satisfied call-back). */
  closedAt: z.number().int().nullable(),
});
export type SupervisedTicket = z.infer<typeof SupervisedTicket>;

export const FundState = Fund.extend({ balance: z.number().int() });
export type FundState = z.infer<typeof FundState>;

export const Registers = z.object({
  people: z.array(Person),
  supervised: z.array(SupervisedTicket),
  suggestions: z.array(Suggestion),
  letters: z.array(Letter),
  referrals: z.array(Referral),
  funds: z.array(FundState),
});
export type Registers = z.infer<typeof Registers>;

export const LetterFile = z.object({ name: z.string().max(200), mime: z.literal('application/pdf'), base64: z.string(), path: z.string() });
export type LetterFile = z.infer<typeof LetterFile>;

/** A unit's record for a letter or a referral: its overdue tickets now and its returns over the window (each
 * return marked arbitrary when the ticket came back to the unit that returned it). */
export const UnitEvidence = z.object({ unit: z.string(), evidence: z.array(EvidenceTicket.extend({ arbitrary: z.boolean() })) });
export type UnitEvidence = z.infer<typeof UnitEvidence>;

/** A unit as the letters and referrals are chosen from: its overdue tickets now, its returns over the window. */
export const UnitStanding = z.object({ unit: z.string(), overdue: z.number().int(), returns: z.number().int(), arbitrary: z.number().int() });
export type UnitStanding = z.infer<typeof UnitStanding>;

const EvidenceWindow = z.number().int().min(1).max(366).default(30);

export const supervisionMethods = {
  /** Every unit with an overdue ticket or a return in the window, most first. */
  'supervision.units': { input: z.object({ windowDays: EvidenceWindow }), output: z.object({ windowDays: z.number().int(), units: z.array(UnitStanding) }) },
  /** What a unit's letter or referral would name. */
  'supervision.unitEvidence': { input: z.object({ unit: z.string().trim().min(1).max(100), windowDays: EvidenceWindow }), output: UnitEvidence },
  /** Everything the registers hold that this console may see (a station: its sub-district's and the roster). */
  'supervision.registers': { input: z.object({}).strict(), output: Registers },
  /** A change to the registers: into the outbox, to the hub exactly once. */
  'supervision.submit': { input: RegisterOp, output: OutboxItem },
  /** A visit's photo, from the hub. */
  'supervision.photo': { input: z.object({ id: z.string().min(1).max(80) }), output: z.object({ dataUrl: z.string() }) },
  /** A 督查意见书 as PDF (written into the letters folder, and answered for a browser to download). */
  'supervision.letterFile': { input: z.object({ id: z.uuid() }), output: LetterFile },
};

export const supervisionEvents = {
  /** The registers changed (read them again). */
  'supervision.changed': z.object({}),
};
