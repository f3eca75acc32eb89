/**
 * The hub's supervision registers: an operation (action kind 'register') is applied once per id, in one
 * transaction with its record, its photos and the step it adds to a ticket's timeline; then every client that
 * may see the record is told (event 'registers') and reads the feed ('registersSince').
 */
import type { Namespace } from 'socket.io';
import { TicketRecord } from '../../shared/domain/ticket';
import { applyRegisterOp, beijingYear, registerNeeds } from '../../shared/domain/supervision-rules';
import type { ActionAck, HubAction, HubIdentity, RegisterPhotoAnswer, RegistersSinceAnswer } from '../../shared/hub-protocol';
import { RegisterRecord, registerScope } from '../../shared/supervision';
import { describeZodError } from '../../shared/rpc/errors';
import type { AuditEntry } from '../audit-log';
import { digestOf, REUSED_ID_MESSAGE } from '../request-digest';
import type { HubStore, StoredChange } from '../store/hub-store';
import { lettersInYear, readPerson, readPhoto, readRecord, registersSince, writePhotos, writeRecord } from './register-store';

type RegisterAction = Extract<HubAction, { kind: 'register' }>;
type AuditOf = (who: HubIdentity, address: string | null, kind: string, ticketNo: string | null, digest: string | null, answer: ActionAck) => AuditEntry;

export type HubRegisters = {
  /** Apply an operation; `change`: the ticket change it made (the caller pushes it). */
  act(action: RegisterAction, who: HubIdentity, address: string | null): Promise<{ answer: ActionAck; change?: StoredChange }>;
  since(input: { after: number; limit: number }, who: HubIdentity): Promise<RegistersSinceAnswer>;
  photo(input: { id: string }, who: HubIdentity): Promise<RegisterPhotoAnswer>;
};


export function hubRegisters(deps: { store: HubStore; nsp: Namespace; whoOf: (socketData: unknown) => HubIdentity; clock: () => number; auditOf: AuditOf; audit: { add(e: AuditEntry): void } }): HubRegisters {
  const { store } = deps;
  /** Tell every client that may see the record that the registers moved on. */
  const hint = (record: RegisterRecord, seq: number) => {
    const scope = registerScope(record);
    for (const socket of deps.nsp.sockets.values()) {
      const who = deps.whoOf(socket.data);
      if (who.role === 'station' && scope !== null && scope !== who.stationCode) continue;
      socket.emit('registers', { seq });
    }
  };

  return {
    async act(action, who, address) {
      const digest = digestOf(action);
      const { target, personId, ticketNo } = registerNeeds(action.op);
      const now = deps.clock();
      let written: { record: RegisterRecord; seq: number } | undefined;
      const done = await store.applyOnce(
        { id: action.id, ticketNo: ticketNo ?? '', kind: `register.${action.op.op}`, role: who.role, stationCode: who.stationCode, digest },
        now,
        async (body, trx) => {
          const ticket = body ? (JSON.parse(body) as TicketRecord) : undefined;
          const inputs = { target: await readRecord(trx, target), person: await readPerson(trx, personId), ticket, lettersThisYear: await lettersInYear(trx, beijingYear(now)) };
          const outcome = applyRegisterOp(action.op, inputs, who, now);
          if (!outcome.ok) return { answer: (): ActionAck => ({ ok: false, error: { code: outcome.code, message: outcome.message, reason: outcome.reason, ...(outcome.params ? { params: outcome.params } : {}) } }) };
          // The record must be one every console takes (a suggestion's history, a ticket's steps at their limits):
          // refused here, it would otherwise fail its own write and be asked again and again.
          const record = RegisterRecord.safeParse(outcome.record);
          if (!record.success) {
            const message = `操作后记录无效，未执行 (the record would no longer be valid): ${describeZodError(record.error)}`;
            return { answer: (): ActionAck => ({ ok: false, error: { code: 'conflict', message, reason: 'recordWouldBeInvalid' } }) };
          }
          if (outcome.photos?.length && (await readPhoto(trx, outcome.photos[0]!.id))) {
            return { answer: (): ActionAck => ({ ok: false, error: { code: 'conflict', message: 'this step was recorded already', reason: 'stepRecorded' } }) };
          }
          let next: { record: TicketRecord; body: string } | undefined;
          if (outcome.step && ticket) {
            const checked = TicketRecord.safeParse({ ticket: { ...ticket.ticket, updatedAt: now }, timeline: [...ticket.timeline, outcome.step] });
            if (!checked.success) {
              const message = `操作后工单记录无效，未执行 (the ticket would no longer be valid): ${describeZodError(checked.error)}`;
              return { answer: (): ActionAck => ({ ok: false, error: { code: 'conflict', message, reason: 'recordWouldBeInvalid' } }) };
            }
            next = { record: checked.data, body: JSON.stringify(checked.data) };
          }
          return {
            store: next,
            also: async (t) => {
              const seq = await writeRecord(t, outcome.record, now);
              await writePhotos(t, outcome.record, outcome.photos ?? []);
              written = { record: outcome.record, seq };
            },
            answer: (seq): ActionAck => ({ ok: true, seq, duplicate: false }),
          };
        },
        (answer) => deps.auditOf(who, address, `register.${action.op.op}`, ticketNo, digest, answer),
      );
      if ('reused' in done) {
        const answer: ActionAck = { ok: false, error: { code: 'conflict', message: REUSED_ID_MESSAGE, reason: 'reusedId' } };
        deps.audit.add(deps.auditOf(who, address, `register.${action.op.op}`, ticketNo, digest, answer));
        return { answer };
      }
      if (written) hint(written.record, written.seq);
      const answer = done.answer.ok ? { ...done.answer, duplicate: done.duplicate } : done.answer;
      return { answer, change: done.change };
    },

    async since({ after, limit }, who) {
      if (who.role === 'ingest') return { ok: false, error: { code: 'unauthorized', message: 'an ingest token reads no registers', reason: 'roleCannotAct', params: { role: who.role } } };
      const rows = await registersSince(store.db, after, limit + 1, who.role === 'station' ? who.stationCode : null);
      const page = rows.slice(0, limit);
      return { ok: true, changes: page.map((r) => ({ seq: r.seq, record: JSON.parse(r.body) as unknown })), lastSeq: page.at(-1)?.seq ?? after, hasMore: rows.length > limit };
    },

    async photo({ id }, who) {
      const p = await readPhoto(store.db, id);
      if (!p || (who.role === 'station' && p.subDistrictCode !== null && p.subDistrictCode !== who.stationCode)) {
        return { ok: false, error: { code: 'notFound', message: `photo ${id} not found`, reason: 'photoNotFound' } };
      }
      return { ok: true, dataUrl: p.dataUrl };
    },
  };
}
