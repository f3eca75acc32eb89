/** A sentence of the UI with a piece of data in it (a file's or a mapping's name, as typed): the sentence in the
 * user's language, the data kept as written. `text` has DATA where the data goes. */
import type { ReactNode } from 'react';

export const DATA = '\u0000';

export function WithData({ text, data }: { text: string; data: ReactNode }) {
  const [before, ...after] = text.split(DATA);
  return (
    <>
      {before}
      {after.length > 0 && data}
      {after.join('')}
    </>
  );
}
