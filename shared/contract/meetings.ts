/**
 * Meetings area of the contract (线上核查点调会): the chair builds and runs a meeting, stations answer and
 * report, the chair records decisions. Live operations need the hub (they fail with 'unavailable' when
 * offline); a decision goes through the outbox and reaches the hub exactly once, online or not.
 */
import { z } from 'zod';
import { AgendaReason, Meeting, MeetingOpRequest } from '../hub-meeting';
import { OutboxItem } from './actions';
import { DecideBody } from '../hub-protocol';
import { Satisfaction, TicketNo, TicketStatus, WhistleLevel } from '../domain/ticket';

export { Meeting, MeetingOpRequest };

/** A hard ticket suggested for the agenda, with why. */
export const AgendaSuggestion = z.object({
  ticketNo: TicketNo,
  summary: z.string(),
  category: z.string(),
  subDistrictCode: z.string(),
  whistleLevel: WhistleLevel,
  status: TicketStatus,
  deadlineAt: z.number().int(),
  reasons: z.array(AgendaReason),
});
export type AgendaSuggestion = z.infer<typeof AgendaSuggestion>;

/** 督办跟踪: a decided ticket followed until the loop is closed (结案 with the resident satisfied). */
export const FollowUp = z.object({
  ticketNo: TicketNo,
  summary: z.string(),
  subDistrictCode: z.string(),
  meetingTitle: z.string(),
  decidedAt: z.number().int(),
  leadDepartment: z.string(),
  coDepartments: z.array(z.string()),
  deadlineAt: z.number().int(),
  supervisor: z.string(),
  status: TicketStatus,
  satisfaction: Satisfaction.nullable(),
  /** 闭环: closed after a satisfied (or basically satisfied) call-back. */
  closedLoop: z.boolean(),
  /** Not closed and past the decision's deadline. */
  overdue: z.boolean(),
});
export type FollowUp = z.infer<typeof FollowUp>;

/** One file of the minutes, as bytes the renderer can hand to the browser as a download. */
export const MinutesDownload = z.object({ name: z.string().max(200), mime: z.enum(['application/pdf', 'text/markdown']), base64: z.string() });
export type MinutesDownload = z.infer<typeof MinutesDownload>;
export const MinutesExport = z.object({ markdownPath: z.string(), pdfPath: z.string().nullable(), pdfError: z.string().nullable(), downloads: z.array(MinutesDownload) });
export type MinutesExport = z.infer<typeof MinutesExport>;

const DecideRequest = DecideBody.omit({ kind: true });
export type DecideRequest = z.input<typeof DecideRequest>;

export const meetingMethods = {
  /** Meetings this console takes part in, newest first (as last heard from the hub; kept offline). */
  'meetings.list': { input: z.object({}), output: z.object({ meetings: z.array(Meeting) }) },
  /** Hard tickets for an agenda: 疑难哨, 三跨, in an early warning, overdue. */
  'meetings.suggestAgenda': { input: z.object({ limit: z.number().int().min(1).max(100).default(30) }), output: z.object({ items: z.array(AgendaSuggestion) }) },
  /** A live operation (create, start, setCurrent, rollCall, call, answer, report, end); answers the meeting's id. */
  'meetings.act': { input: MeetingOpRequest, output: z.object({ meetingId: z.string() }) },
  /** The chair's decision on a ticket: into the outbox (shown pending until the hub has it). */
  'meetings.decide': { input: DecideRequest, output: OutboxItem },
  /** Write the minutes (Markdown and PDF) to this console's minutes folder; answers where, and the files
   * themselves (base64) for a browser to download: on the web host the folder is on another machine's disk
   * as far as the page knows. */
  'meetings.minutes': { input: z.object({ meetingId: z.uuid() }), output: MinutesExport },
  /** Decided tickets and where they stand: open ones first (overdue first), then the closed loops. */
  'meetings.followUps': { input: z.object({}), output: z.object({ items: z.array(FollowUp) }) },
  'meetings.photo': { input: z.object({ meetingId: z.uuid(), photoId: z.string().max(80) }), output: z.object({ dataUrl: z.string() }) },
};

export const meetingEvents = {
  'meetings.changed': Meeting,
};
