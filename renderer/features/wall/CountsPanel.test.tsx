// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketCounts } from '../../../shared/contract';
import { I18nProvider } from '../../app/i18n';
import { CountsPanel } from './CountsPanel';

afterEach(cleanup);

const counts = (over: Partial<TicketCounts>): TicketCounts => ({
  total: 120,
  open: 42,
  overdue: 0,
  dueSoon: 0,
  receivedToday: 9,
  byStatus: { received: 10, dispatched: 10, accepted: 10, onSite: 6, resolved: 4, returned: 2, reopened: 0, closed: 78 },
  bySubDistrict: [],
  ...over,
});

describe('the overview’s counts', () => {
  it('shows each figure with its name and what it counts, in the screen’s language', () => {
    render(
      <I18nProvider>
        <CountsPanel counts={counts({ overdue: 3 })} compact />
      </I18nProvider>,
    );
    const open = screen.getByTestId('count-open');
    expect(open.querySelector('.tile-value')!.textContent).toBe('42');
    expect(open.querySelector('.tile-label')!.textContent).toBe('在办工单');
    expect(open.querySelector('.tile-def')!.textContent!.length).toBeGreaterThan(2);
    expect(screen.getByTestId('count-today').querySelector('.tile-value')!.textContent).toBe('9');
  });

  it('marks overdue red and due-soon amber only when there are any', () => {
    const { rerender } = render(
      <I18nProvider>
        <CountsPanel counts={counts({ overdue: 3, dueSoon: 0 })} compact />
      </I18nProvider>,
    );
    expect(screen.getByTestId('count-overdue').className).toContain('tile-alert');
    expect(screen.getByTestId('count-due-soon').className).not.toContain('tile-warn');
    rerender(
      <I18nProvider>
        <CountsPanel counts={counts({ overdue: 0, dueSoon: 5 })} compact />
      </I18nProvider>,
    );
    expect(screen.getByTestId('count-overdue').className).not.toContain('tile-alert');
    expect(screen.getByTestId('count-due-soon').className).toContain('tile-warn');
  });

  it('says it is loading before the first counts arrive', () => {
    render(
      <I18nProvider>
        <CountsPanel counts={undefined} />
      </I18nProvider>,
    );
    expect(screen.queryByTestId('count-open')).toBeNull();
    expect(document.body.textContent).toBe('正在加载…');
  });
});
