/**
 * Callers are masked at import and never stored in clear: the surname and a mask for the given name
 * ("王**"), a phone's first three and last four digits ("138****5678"; a landline keeps its area code and last
 * four). Text that is already masked by the platform passes as it is.
 */
export function maskName(name: string): string {
  const n = name.normalize('NFKC').trim();
  if (!n) return '';
  if (/[*＊]/.test(n)) return n.slice(0, 20);
  const chars = [...n];
  // A Latin name: its initial.
  if (/^[A-Za-z]/.test(n)) return `${chars[0]!.toUpperCase()}.**`;
  return `${chars[0]}**`;
}

export function maskPhone(phone: string): string {
  const p = phone.normalize('NFKC').trim();
  if (!p) return '';
  if (/\*/.test(p)) return p.replace(/\s+/g, '').slice(0, 20);
  const digits = p.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  const mobile = /^(?:86)?(1\d{10})$/.exec(digits);
  if (mobile) return `${mobile[1]!.slice(0, 3)}****${mobile[1]!.slice(-4)}`;
  const area = /^(0\d{2,3})/.exec(digits)?.[1];
  return `${area ?? ''}****${digits.slice(-4)}`;
}

/** The stored caller field: "王** 138****5678". */
export function maskedCaller(name: string, phone: string): string {
  return [maskName(name), maskPhone(phone)].filter(Boolean).join(' ').slice(0, 64);
}
