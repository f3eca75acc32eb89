// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RpcError } from '../../shared/rpc/errors';
import { fakeClient } from '../test-support/fake-client';
import { ClientContext } from './client-context';
import { useLiveQuery, type LiveQueryOptions } from './use-live-query';

afterEach(() => vi.useRealTimers());

function mount(options: LiveQueryOptions = {}, events: readonly ('tickets.changed' | 'tickets.refetch')[] = ['tickets.changed', 'tickets.refetch']) {
  const f = fakeClient();
  const wrapper = ({ children }: { children: ReactNode }) => <ClientContext.Provider value={f.client}>{children}</ClientContext.Provider>;
  const hook = renderHook(() => useLiveQuery('tickets.counts', {}, events, options), { wrapper });
  return { f, hook };
}
/** Let the answers' promise reactions run (React state updates included). */
const settle = () => act(async () => {});

describe('useLiveQuery', () => {
  it('calls once on mount and shows the answer', async () => {
    const { f, hook } = mount();
    expect(hook.result.current).toMatchObject({ data: undefined, loading: true });
    expect(f.calls.map((c) => c.method)).toEqual(['tickets.counts']);
    f.answer({ total: 3 });
    await settle();
    expect(hook.result.current).toMatchObject({ data: { total: 3 }, loading: false, error: undefined });
  });

  it('makes many events during a call into exactly one more call, never two at once', async () => {
    const { f, hook } = mount();
    act(() => {
      for (let i = 0; i < 5; i++) f.emit('tickets.changed', { tickets: [{ ticketNo: `T-${i}` }] });
    });
    expect(f.calls).toHaveLength(1);
    f.answer({ total: 1 });
    await settle();
    expect(f.calls).toHaveLength(1); // the one more
    f.answer({ total: 2 });
    await settle();
    expect(f.calls).toHaveLength(0);
    expect(hook.result.current.data).toEqual({ total: 2 });
  });

  it('refetches on either ticket event, and only when the payload concerns it', async () => {
    const { f } = mount({ when: (p) => (p as { tickets?: { ticketNo: string }[] }).tickets?.some((t) => t.ticketNo === 'MINE') ?? true });
    f.answer({});
    await settle();
    act(() => f.emit('tickets.changed', { tickets: [{ ticketNo: 'OTHER' }] }));
    expect(f.calls).toHaveLength(0);
    act(() => f.emit('tickets.changed', { tickets: [{ ticketNo: 'MINE' }] }));
    expect(f.calls).toHaveLength(1);
    f.answer({});
    await settle();
    act(() => f.emit('tickets.refetch', {}));
    expect(f.calls).toHaveLength(1);
  });

  it('refetches when the link comes back', async () => {
    const { f } = mount();
    f.answer({});
    await settle();
    act(() => f.link('closed'));
    expect(f.calls).toHaveLength(0);
    act(() => f.link('open'));
    expect(f.calls).toHaveLength(1);
  });

  it('keeps the last answer and says what failed', async () => {
    const { f, hook } = mount({ quiet: true });
    f.answer({ total: 7 });
    await settle();
    act(() => f.emit('tickets.refetch', {}));
    f.fail(new RpcError('unavailable', 'store closed'));
    await settle();
    expect(hook.result.current.data).toEqual({ total: 7 });
    expect(hook.result.current.error).toBeInstanceOf(RpcError);
  });

  it('spaces event-driven refetches by atMostEveryMs: the first at once, the rest together when the interval is up', async () => {
    vi.useFakeTimers();
    const { f } = mount({ atMostEveryMs: 1000 });
    f.answer({});
    await settle();
    vi.advanceTimersByTime(1500); // a quiet spell: the next event refetches at once
    act(() => f.emit('tickets.changed', { tickets: [{ ticketNo: 'A' }] }));
    expect(f.calls).toHaveLength(1);
    f.answer({});
    await settle();
    act(() => {
      f.emit('tickets.changed', { tickets: [{ ticketNo: 'B' }] });
      f.emit('tickets.changed', { tickets: [{ ticketNo: 'C' }] });
    });
    expect(f.calls).toHaveLength(0);
    act(() => vi.advanceTimersByTime(1000));
    expect(f.calls).toHaveLength(1);
  });

  it('stops listening when unmounted', async () => {
    const { f, hook } = mount();
    expect(f.listening('tickets.changed')).toBe(1);
    hook.unmount();
    expect(f.listening('tickets.changed')).toBe(0);
    expect(f.listening('tickets.refetch')).toBe(0);
  });
});
