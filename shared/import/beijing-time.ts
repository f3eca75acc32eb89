/**
 * Times as exports write them, read as Beijing time (UTC+8, no daylight saving) into epoch ms:
 * "2026/11/28 09:15", "2026-11-28 09:15:33", "2026.11.28 9:15", "2026年11月28日 09时15分", "20261128091500",
 * a date alone (00:00), ISO with an offset ("2026-11-28T01:15:00Z"), Excel serial days (46000.38…, the 1900
 * date system: what a workbook cell holds when it is not formatted as a date), and a JS Date from a workbook
 * reader (its UTC fields are the cell's wall-clock time: workbooks have no zone).
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** Excel day 0 of the 1900 date system is 1899-12-30 (Lotus's leap-year bug included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

const PATTERN = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]*(\d{1,2})\s*(?:[:时點点]\s*(\d{1,2})?(?:\s*[:分]\s*(\d{1,2})(?:\.\d+)?)?\s*[秒分]?))?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/;

function fromParts(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // 2026-02-30 is not a date (Date.UTC would roll it into March).
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms - BEIJING_OFFSET_MS;
}

/** Epoch ms, or null when the value is not a time this reader knows. */
export function parseBeijingTime(value: string | number | Date): number | null {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isFinite(ms) ? ms - BEIJING_OFFSET_MS : null;
  }
  if (typeof value === 'number') return excelSerial(value);
  const text = value.normalize('NFKC').trim();
  if (!text) return null;
  const m = PATTERN.exec(text);
  if (m) return fromParts(+m[1]!, +m[2]!, +m[3]!, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
  const c = COMPACT.exec(text);
  if (c) return fromParts(+c[1]!, +c[2]!, +c[3]!, c[4] ? +c[4] : 0, c[5] ? +c[5] : 0, c[6] ? +c[6] : 0);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const ms = Date.parse(text);
    return Number.isFinite(ms) ? ms : null;
  }
  // A serial day written as text ("46000.385") by a CSV export of a workbook.
  if (/^\d{5}(\.\d+)?$/.test(text)) return excelSerial(Number(text));
  return null;
}

/** Excel serial days (1900 system) from 1950 to 2100; anything else is not taken for a time. */
function excelSerial(days: number): number | null {
  if (!Number.isFinite(days) || days < 18_264 || days > 73_051) return null;
  const ms = EXCEL_EPOCH_MS + Math.round(days * DAY_MS / 1000) * 1000;
  return ms - BEIJING_OFFSET_MS;
}
