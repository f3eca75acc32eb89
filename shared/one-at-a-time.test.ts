import { describe, expect, it } from 'vitest';
import { OneAtATime } from './one-at-a-time';

/** A task whose runs end when the test says so. */
function gated() {
  const gates: (() => void)[] = [];
  let runs = 0;
  let overlapping = 0;
  let maxOverlap = 0;
  const task = () =>
    new Promise<void>((resolve) => {
      runs++;
      overlapping++;
      maxOverlap = Math.max(maxOverlap, overlapping);
      gates.push(() => {
        overlapping--;
        resolve();
      });
    });
  /** Ends the oldest open run, then lets every promise reaction it causes happen (a macrotask comes after them). */
  const openNext = async () => {
    gates.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { task, openNext, get runs() { return runs; }, get maxOverlap() { return maxOverlap; }, get open() { return gates.length; } };
}

describe('OneAtATime', () => {
  it('runs once per ask when asks come one after the other', async () => {
    let runs = 0;
    const t = new OneAtATime(async () => void runs++);
    await t.ask();
    await t.ask();
    expect(runs).toBe(2);
    expect(t.running).toBe(false);
  });

  it('makes many asks during a run into exactly one more run, never overlapping', async () => {
    const g = gated();
    const t = new OneAtATime(g.task);
    const first = t.ask();
    const during = [t.ask(), t.ask(), t.ask()];
    expect(g.runs).toBe(1);
    await g.openNext(); // the first run ends; the asks made during it start one more
    expect(g.runs).toBe(2);
    await g.openNext();
    await Promise.all([first, ...during]);
    await t.idle();
    expect(g.runs).toBe(2);
    expect(g.maxOverlap).toBe(1);
  });

  it('resolves an ask only after a run that started after it', async () => {
    const g = gated();
    const t = new OneAtATime(g.task);
    void t.ask();
    let answered = false;
    const late = t.ask().then(() => (answered = true));
    await g.openNext(); // the run the ask came during ends: not yet answered
    expect(answered).toBe(false);
    await g.openNext();
    await late;
    expect(answered).toBe(true);
  });

  it('reports a failing run and carries on with the next ask', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const t = new OneAtATime(
      async () => {
        runs++;
        if (runs === 1) throw new Error('store closed');
      },
      { onError: (e) => errors.push(e) },
    );
    await t.ask();
    await t.ask();
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('store closed');
  });

  it('after stop, waits for the run in progress and runs no more', async () => {
    const g = gated();
    const t = new OneAtATime(g.task);
    void t.ask();
    const asked = t.ask();
    const stopped = t.stop();
    await g.openNext();
    await stopped;
    await asked;
    await t.ask();
    expect(g.runs).toBe(1);
    expect(g.open).toBe(0);
  });

  it('makes an ask the task makes itself, before its first await, one more run after it — not a second at once', async () => {
    let overlapping = 0;
    let most = 0;
    let runs = 0;
    const gates: (() => void)[] = [];
    const t: OneAtATime = new OneAtATime(async () => {
      runs++;
      overlapping++;
      most = Math.max(most, overlapping);
      if (runs === 1) void t.ask(); // e.g. the sync's flush finding a gap asks for a pull
      await new Promise<void>((resolve) => gates.push(resolve));
      overlapping--;
    });
    const done = t.ask();
    expect(t.running).toBe(true);
    expect(runs).toBe(1);
    gates.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(2);
    gates.shift()!();
    await done;
    expect(most).toBe(1);
    expect(t.running).toBe(false);
  });
});
