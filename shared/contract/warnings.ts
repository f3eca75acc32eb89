/** Early warnings area of the contract. */
import { z } from 'zod';
import { Ticket } from '../domain/ticket';

export const EarlyWarning = z.object({
  id: z.string(),
  category: z.string(),
  /** A community code, or a sub-district code for tickets with no community. */
  placeCode: z.string(),
  /** The place's name (社区 with its 街道, or the 街道). */
  placeName: z.string(),
  subDistrictCode: z.string(),
  count: z.number().int().nonnegative(),
  firstAt: z.number().int(),
  lastAt: z.number().int(),
  latestTicketNo: z.string(),
  raisedAt: z.number().int(),
  clearedAt: z.number().int().nullable(),
  acknowledgedAt: z.number().int().nullable(),
  /** The outbox action that carries the acknowledgement to the hub (its state shows delivery). */
  ackActionId: z.string().nullable(),
  windowDays: z.number().int(),
  threshold: z.number().int(),
});
export type EarlyWarning = z.infer<typeof EarlyWarning>;

export const warningMethods = {
  'warnings.list': { input: z.object({ includeCleared: z.boolean().default(false), limit: z.number().int().min(1).max(500).default(100) }), output: z.object({ items: z.array(EarlyWarning) }) },
  /** The tickets of a warning's matter (its category at its place since its first ticket), newest first. */
  'warnings.tickets': { input: z.object({ id: z.string().max(300), limit: z.number().int().min(1).max(200).default(50) }), output: z.object({ items: z.array(Ticket) }) },
  /** Acknowledge (知悉): recorded here at once, and on the warning's latest ticket at the hub through the outbox. */
  'warnings.acknowledge': { input: z.object({ id: z.string().max(300), note: z.string().max(500).default('') }), output: EarlyWarning },
};

export const warningEvents = {
  /** The active warnings changed (raised, counts moved, cleared or acknowledged). */
  'warnings.changed': z.object({ active: z.array(EarlyWarning).max(500) }),
};
