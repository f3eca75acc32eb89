/** The root font size in px (the wall scales it with the screen): read on mount and on resize only, as reading a
 * computed style forces the browser to recompute styles first. */
import { useEffect, useState } from 'react';
import { readRootFontSize } from './format';

export function useRootFontSize(): number {
  const [rem, setRem] = useState(readRootFontSize);
  useEffect(() => {
    const onResize = () => setRem(readRootFontSize());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return rem;
}
