/**
 * Finds the longest known name contained in a text (an address): names are indexed by their first two
 * characters, so a lookup costs the text's length times the few names sharing a start — not the size of the
 * gazetteer (a million addresses against ten thousand names stays fast).
 */
export class NameMatcher<T> {
  private readonly byStart = new Map<string, { name: string; value: T }[]>();
  private readonly single = new Map<string, T>();

  constructor(entries: Iterable<readonly [name: string, value: T]>) {
    for (const [raw, value] of entries) {
      const name = raw.normalize('NFKC').trim();
      if (!name) continue;
      if (name.length === 1) {
        this.single.set(name, value);
        continue;
      }
      const key = name.slice(0, 2);
      const list = this.byStart.get(key) ?? [];
      // First one in wins for a repeated name.
      if (!list.some((e) => e.name === name)) list.push({ name, value });
      this.byStart.set(key, list);
    }
    for (const list of this.byStart.values()) list.sort((a, b) => b.name.length - a.name.length);
  }

  get size(): number {
    let n = this.single.size;
    for (const l of this.byStart.values()) n += l.length;
    return n;
  }

  /** The longest name found in `text` (the earliest on a tie), with its value; `accept` may pass over a match. */
  find(text: string, accept?: (value: T) => boolean): { name: string; value: T } | null {
    let best: { name: string; value: T; at: number } | null = null;
    for (let i = 0; i < text.length - 1; i++) {
      const list = this.byStart.get(text.slice(i, i + 2));
      if (!list) continue;
      for (const e of list) {
        if (best && e.name.length <= best.name.length) break;
        if (text.startsWith(e.name, i) && (!accept || accept(e.value))) {
          best = { ...e, at: i };
          break;
        }
      }
    }
    return best ? { name: best.name, value: best.value } : null;
  }

  /** The value of a name given whole (a column holding just the name). */
  exact(name: string): T | null {
    const n = name.normalize('NFKC').trim();
    if (n.length === 1) return this.single.get(n) ?? null;
    return this.byStart.get(n.slice(0, 2))?.find((e) => e.name === n)?.value ?? null;
  }
}
