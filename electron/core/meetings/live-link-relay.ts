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

/** Screens' legs remembered (a screen's page makes one leg; reloaded, a new one): the oldest are forgotten past this. */
const LEGS_KEPT = 1000;

export class LiveLinkRelay {
  private readonly off: () => void;
  /** Each screen (peer) speaks as the first leg it used, and only it hears what is addressed to that leg: another
   * screen of this console (a read-only wall in a hall, say) can neither take over nor overhear the desk's peer. */
  private readonly legOf = new Map<string, string>();
  private readonly peerOf = new Map<string, string>();

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
      const leg = push.data.to === 'receivers' ? undefined : push.data.to.split('/')[1];
      const owner = leg === undefined ? undefined : this.peerOf.get(leg);
      o.publish(push.data, (ctx) => (ctx.access === 'desk' || onWall) && (owner === undefined || ctx.peer === owner));
    });
  }

  private bindLeg(peer: string, leg: string): void {
    const mine = this.legOf.get(peer);
    if (mine === undefined && !this.peerOf.has(leg)) {
      this.legOf.set(peer, leg);
      this.peerOf.set(leg, peer);
      if (this.legOf.size > LEGS_KEPT) {
        const [oldPeer, oldLeg] = this.legOf.entries().next().value as [string, string];
        this.legOf.delete(oldPeer);
        this.peerOf.delete(oldLeg);
      }
      return;
    }
    if (mine !== leg) throw new RpcError('unauthorized', '该画面已使用另一连线端 (this screen speaks as its own leg only)', { reason: 'linkWrongEnd' });
  }

  private onWall(meetingId: string, linkId: string): boolean {
    return this.o.meetings.current(meetingId)?.onWall === linkId;
  }

  async signal(req: LinkSignalRequest, ctx: CallContext): Promise<{ delivered: number }> {
    if (ctx.access !== 'desk' && !(req.to === 'site' && this.onWall(req.meetingId, req.linkId))) {
      throw new RpcError('unauthorized', '大屏只能接收主持人投到大屏的现场画面 (a wall shows the link the chair put up on it only)', { reason: 'wallLinkOnly' });
    }
    this.bindLeg(ctx.peer, req.leg);
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
