/** One CSV field: quoted when it holds a quote, comma or line break. */
export function csvField(v: string | number | null | undefined): string {
  const t = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** A field of a file people open in Excel: text that would start a formula (= + - @) is kept as text. */
export function csvTextField(v: string | number | null | undefined): string {
  const t = v === null || v === undefined ? '' : String(v);
  return csvField(typeof v === 'string' && /^[=+\-@\t\r]/.test(t) ? `'${t}` : t);
}
