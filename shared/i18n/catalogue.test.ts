import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue';

/** A catalogue text without its {parameters}. */
const bare = (s: string) => s.replace(/\{[a-zA-Z]+\}/g, '');
/** The other language's name on the language switch is in that language by design. */
const SWITCH = 'wall.language';

describe('the catalogue: one language at a time', () => {
  it('Chinese texts use full-width punctuation (，：；！？（）), half-width only between digits (15:00) or in codes', () => {
    const bad = Object.entries(CATALOGUE)
      .filter(([key]) => key !== SWITCH)
      .filter(([, [zh]]) => /[,;!?()]|(?<!\d):|:(?!\d)/.test(bare(zh).replace(/[A-Z_]{3,}/g, '')))
      .map(([key, [zh]]) => `${key}: ${zh}`);
    expect(bad).toEqual([]);
  });

  it('English texts have no Chinese characters', () => {
    const bad = Object.entries(CATALOGUE)
      .filter(([key]) => key !== SWITCH)
      .filter(([, [, en]]) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(en))
      .map(([key, [, en]]) => `${key}: ${en}`);
    expect(bad).toEqual([]);
  });

  it('a parameter in one language is in the other too', () => {
    const params = (s: string) => [...s.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]).sort();
    const bad = Object.entries(CATALOGUE).filter(([, [zh, en]]) => params(zh).join() !== params(en).join()).map(([key]) => key);
    expect(bad).toEqual([]);
  });

  it('one English term per concept: 三跨 is Cross-boundary everywhere; 受理 is Intake, 待派单 To dispatch, 收到 Copy — none is “Received”', () => {
    const en = Object.values(CATALOGUE).map(([, e]) => e as string);
    expect(en.filter((e) => /three-way/i.test(e))).toEqual([]);
    const received = Object.entries(CATALOGUE).filter(([, [, e]]) => /\breceived\b/i.test(e)).map(([k]) => k);
    expect(received).toEqual([]);
  });
});
