/**
 * A meeting for 现场连线 tests, screenshots and the bench: a chair console (embedded hub), station consoles for
 * some sub-districts, one hard ticket per invited sub-district on the agenda (plus `extra` tickets off it), the
 * meeting created and started; and the chair's steps to link a site — to its station's console (the station
 * presses 开始连线) or to a grid worker's phone (the chair makes the one-time link, the phone opens it).
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateTickets } from '../../hub/demo/ticket-generator';
import type { TicketRecord } from '../../shared/domain/ticket';
import { startTestConsole, type TestConsole } from './console';

export const FAKE_MEDIA = ['--use-fake-device-for-media-stream=fps=30', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];

export type LinkMeeting = { chair: TestConsole; stations: Map<string, TestConsole>; meetingId: string; ticketOf: Map<string, string>; extra: string[]; stop(): Promise<void> };

/** `stationAddress`: where the station consoles serve their screens (another host's side of a test LAN). */
export async function startLinkMeeting(o: { invited: string[]; consoles: string[]; prefix: string; extra?: number; seed?: number; stationAddress?: string }): Promise<LinkMeeting> {
  const chair = await startTestConsole();
  const n = o.invited.length + (o.extra ?? 0);
  const recs: TicketRecord[] = generateTickets(n, { now: Date.now(), seed: o.seed ?? 17 }).map((r, i) => ({
    ...r,
    ticket: { ...r.ticket, ticketNo: `${o.prefix}-${i + 1}`, subDistrictCode: o.invited[i % o.invited.length]!, communityCode: null, whistleLevel: 'difficult', status: 'onSite' },
  }));
  await chair.service.embedded!.hub.ingest(recs);
  await chair.service.sync.whenCursorAtLeast(chair.service.embedded!.hub.store.head);
  const stations = new Map<string, TestConsole>();
  for (const c of o.consoles) {
    stations.set(c, await startTestConsole({ LIANDONG_HUB_URL: chair.service.embedded!.url, LIANDONG_HUB_TOKEN: chair.service.embedded!.tokenFor('station', c), LIANDONG_ROLE: 'station', LIANDONG_STATION: c }, { webHostAddress: o.stationAddress }));
  }
  const meetingId = randomUUID();
  const agenda = recs.slice(0, o.invited.length).map((r) => r.ticket.ticketNo);
  await chair.service.meetings.act({ op: 'create', meetingId, kind: 'onlineCheck', title: '线上核查点调会', agenda: agenda.map((ticketNo) => ({ ticketNo, reasons: ['difficult'] })), invitees: { stations: o.invited, departments: [], deputies: [] } });
  await chair.service.meetings.act({ op: 'start', meetingId });
  return {
    chair,
    stations,
    meetingId,
    ticketOf: new Map(o.invited.map((c, i) => [c, agenda[i]!])),
    extra: recs.slice(o.invited.length).map((r) => r.ticket.ticketNo),
    async stop() {
      for (const s of stations.values()) await s.stop();
      await chair.stop();
    },
  };
}

export const meetingUrl = (con: TestConsole, lang?: string) => `${con.host.wallUrl}${con.host.wallUrl.includes('?') ? '&' : '?'}view=meeting${lang === 'en' ? '&lang=en' : ''}`;
export const liveTile = (page: Page, station: string) => page.locator(`[data-testid="live-tile"][data-station="${station}"]`);

/** The chair makes `ticketNo` the current item. */
export async function goToItem(chairPage: Page, ticketNo: string): Promise<void> {
  await chairPage.locator(`.agenda button[data-ticket-no="${ticketNo}"]`).click();
  await chairPage.locator(`[data-testid="meeting-current"][data-ticket-no="${ticketNo}"]`).waitFor();
}

/** Link the current item's site to its station's console: the chair clicks, the station presses 开始连线. */
export async function linkConsole(chairPage: Page, stationPage: Page): Promise<void> {
  await chairPage.getByTestId('link-open-console').click();
  await stationPage.getByTestId('station-link-start').click();
}

/** Link the current item's site to a grid worker's phone: the chair makes the one-time link, a phone (a new
 * context of `browser`, made by `phoneContext`) opens it and presses 开始连线. */
export async function linkPhone(chairPage: Page, station: string, phoneContext: () => Promise<BrowserContext>): Promise<{ phone: Page; url: string }> {
  await chairPage.getByTestId('link-open-phone').click();
  await liveTile(chairPage, station).getByTestId('phone-make-key').click();
  const url = (await liveTile(chairPage, station).getByTestId('phone-url').textContent())!;
  const phone = await (await phoneContext()).newPage();
  await phone.goto(url);
  await phone.getByTestId('site-start').click();
  return { phone, url };
}

export const phoneViewport = { width: 390, height: 844 };
export type { Browser };
