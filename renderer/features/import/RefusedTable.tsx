/** Refused rows: the row number in the file (as a spreadsheet shows it), the ticket number, the column and why. */
import type { RefusedRow } from '../../../shared/contract';
import { DataText, Verbatim } from '../../app/DataText';
import { TableHead } from '../../app/TableHead';
import { RefusedReason } from './RefusedReason';

export function RefusedTable({ rows, withTicketNo = true, testId }: { rows: readonly RefusedRow[]; withTicketNo?: boolean; testId: string }) {
  return (
    <table className="import-table import-refused" data-testid={testId}>
      <TableHead columns={withTicketNo ? ['import.col.row', 'col.ticketNo', 'import.col.column', 'import.col.reason'] : ['import.col.row', 'import.col.column', 'import.col.reason']} />
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${r.row}-${i}`} data-testid="refused-row" data-row={r.row}>
            <td className="num">{r.row}</td>
            {withTicketNo && <td>{r.ticketNo ? <Verbatim>{r.ticketNo}</Verbatim> : '—'}</td>}
            <td>{r.column ? <DataText>{r.column}</DataText> : '—'}</td>
            <td>
              <RefusedReason reason={r.reason} params={r.params} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
