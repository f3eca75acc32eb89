/** The audit trail as CSV (RFC 4180, UTF-8 with a BOM so Excel on a Chinese Windows opens it as UTF-8). */
import type { AuditRow } from '../../../shared/hub-protocol';

const HEADER = ['seq', 'time (Beijing)', 'token id', 'who', 'role', 'address', 'kind', 'ticket', 'digest', 'result'];
const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const beijing = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);

export function auditCsv(rows: readonly AuditRow[]): string {
  const lines = [HEADER.join(',')];
  for (const r of rows) lines.push([r.seq, beijing(r.at), r.tokenId, r.who, r.role, r.address, r.kind, r.ticketNo, r.digest, r.result].map(cell).join(','));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
