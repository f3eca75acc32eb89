/**
 * What a file is, from its first and last bytes: a workbook (XLSX is a ZIP: "PK\x03\x04" at the start and the
 * end-of-central-directory record near the end — a cut file has none), an old .xls (OLE2, which we do not
 * read: save it as .xlsx), something that is not a spreadsheet (PDF, images, archives, binary), or CSV text;
 * and a CSV's encoding (a BOM; else valid UTF-8; else GB18030, GBK's superset).
 */
import type { ImportEncoding, ImportFormat } from '../../shared/contract/imports';

export type Sniffed = { ok: true; format: ImportFormat; encoding: ImportEncoding | null; bom: number } | { ok: false; reason: string; params?: Record<string, string | number> };

const starts = (b: Uint8Array, sig: readonly number[]) => sig.every((v, i) => b[i] === v);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EOCD = [0x50, 0x4b, 0x05, 0x06];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const NOT_SHEETS: readonly [readonly number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'PDF'],
  [[0x89, 0x50, 0x4e, 0x47], 'PNG'],
  [[0xff, 0xd8, 0xff], 'JPEG'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF'],
  [[0x1f, 0x8b], 'gzip'],
  [[0x52, 0x61, 0x72, 0x21], 'RAR'],
  [[0x37, 0x7a, 0xbc, 0xaf], '7z'],
  [[0x7f, 0x45, 0x4c, 0x46], 'ELF'],
  [[0x4d, 0x5a], 'EXE'],
];

function hasEocd(tail: Uint8Array): boolean {
  for (let i = tail.length - 22; i >= 0; i--) if (starts(tail.subarray(i), EOCD)) return true;
  return false;
}

/** `head`: the first 64 KiB (or all); `tail`: the last 64 KiB. */
export function sniff(head: Uint8Array, tail: Uint8Array, size: number): Sniffed {
  if (size === 0) return { ok: false, reason: 'import.empty' };
  if (starts(head, ZIP)) return hasEocd(tail) ? { ok: true, format: 'xlsx', encoding: null, bom: 0 } : { ok: false, reason: 'import.truncated' };
  if (starts(head, OLE2)) return { ok: false, reason: 'import.oldExcel' };
  for (const [sig, kind] of NOT_SHEETS) if (starts(head, sig)) return { ok: false, reason: 'import.notSpreadsheet', params: { kind } };
  if (starts(head, [0xef, 0xbb, 0xbf])) return { ok: true, format: 'csv', encoding: 'utf-8', bom: 3 };
  if (starts(head, [0xff, 0xfe]) || starts(head, [0xfe, 0xff])) return { ok: false, reason: 'import.notSpreadsheet', params: { kind: 'UTF-16' } };
  // Text has no NUL bytes and few control characters.
  let control = 0;
  for (const b of head) {
    if (b === 0) return { ok: false, reason: 'import.notSpreadsheet', params: { kind: 'binary' } };
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  if (control > head.length / 100) return { ok: false, reason: 'import.notSpreadsheet', params: { kind: 'binary' } };
  return { ok: true, format: 'csv', encoding: isUtf8(head, size <= head.length) ? 'utf-8' : 'gb18030', bom: 0 };
}

/** Whether bytes are UTF-8; a sample cut mid-character at its end still counts (unless it is the whole file). */
export function isUtf8(bytes: Uint8Array, whole: boolean): boolean {
  let end = bytes.length;
  if (!whole) {
    // Drop an incomplete sequence at the cut: up to 3 trailing bytes of a started character.
    for (let k = 1; k <= 3 && end - k >= 0; k++) {
      const b = bytes[end - k]!;
      if ((b & 0xc0) === 0xc0) {
        end -= k;
        break;
      }
      if ((b & 0x80) === 0) break;
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}
