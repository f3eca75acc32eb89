/**
 * The console's side of 现场连线: relays its screens' signalling to the hub and the hub's back to its screens.
 * Desk screens hear every link's messages for this console's token (each screen takes what is addressed to its
 * own leg); a wall screen hears, and may send, only those of the link the chair put up on the wall — and only
 * to the site (a wall receives the picture, it is not a party to anything else). The media flow between the
 * screens and the site directly; nothing here is stored.
 */
import { LinkSignalPush, SITE_PAGE_PATH, type LinkSignalRequest } from '../../../shared/live-link';
import type { CallContext } from '../../../shared/rpc/define';
import { RpcError } from '../../../shared/rpc/errors';
import { askHub } from '../sync/ask-hub';
import type { HubLink } from '../sync/hub-link';
import type { MeetingService } from './meeting-service';

type RelayLink = Pick<HubLink, 'on' | 'call' | 'connected'>;

export class LiveLinkRelay {
  private readonly off: () => void;

  constructor(
    private readonly o: {
      link: RelayLink;
      meetings: Pick<MeetingService, 'current'>;
      /** Publish to the screens `to` picks. */
      publish: (push: LinkSignalPush, to: (ctx: CallContext) => boolean) => void;
      /** The hub's address as a phone reaches it (the one-time site link's host). */
      hubUrl: string;
      log?: (line: string) => void;
    },
  ) {
    this.off = o.link.on('linkSignal', (raw) => {
      const push = LinkSignalPush.safeParse(raw);
      if (!push.success) return o.log?.(`link signal refused: ${push.error.issues[0]?.message ?? 'invalid'}`);
      const onWall = this.onWall(push.data.meetingId, push.data.linkId);
      o.publish(push.data, (ctx) => ctx.access === 'desk' || onWall);
    });
  }

  private onWall(meetingId: string, linkId: string): boolean {
    return this.o.meetings.current(meetingId)?.onWall === linkId;
  }

  async signal(req: LinkSignalRequest, ctx: CallContext): Promise<{ delivered: number }> {
    if (ctx.access !== 'desk' && !(req.to === 'site' && this.onWall(req.meetingId, req.linkId))) {
      throw new RpcError('unauthorized', '大屏只能接收主持人投到大屏的现场画面 (a wall shows the link the chair put up on it only)', { reason: 'wallLinkOnly' });
    }
    const answer = await askHub(this.o.link, 'linkSignal', req);
    return { delivered: answer.delivered };
  }

  async ice(): Promise<{ iceServers: { urls: string[]; username: string; credential: string }[]; expiresAt: number | null }> {
    const { iceServers, expiresAt } = await askHub(this.o.link, 'linkIce', {});
    return { iceServers, expiresAt };
  }

  async siteKey(meetingId: string, linkId: string): Promise<{ url: string; expiresAt: number }> {
    const { key, expiresAt, siteUrl } = await askHub(this.o.link, 'siteKey', { meetingId, linkId });
    return { url: `${(siteUrl ?? this.o.hubUrl).replace(/\/+$/, '')}${SITE_PAGE_PATH}#${key}`, expiresAt };
  }

  close(): void {
    this.off();
  }
}
