/**
 * The phone's side of 现场连线: the hub's site namespace (SITE_NAMESPACE), which a phone joins with a one-time
 * site key (SiteHandshake). It hears its own link only — its state, and the signalling of its receivers — and
 * may send signalling for that link and end it; nothing else of the meeting reaches it.
 */
import { z } from 'zod';
import { defineContract } from './rpc/define';
import { HubError, HubRefusal } from './hub-protocol';
import { LinkEnd, LinkSignalAck, LinkSignalBody, LinkSignalPush, SiteLinkState } from './live-link';

export const siteContract = defineContract({
  methods: {
    /** To every receiver, or to one (`to`: an end named in a message it got). */
    signal: { input: z.object({ to: z.union([z.literal('receivers'), LinkEnd]), signal: LinkSignalBody }), output: LinkSignalAck },
    /** 结束: the site ends its link. */
    end: { input: z.object({}), output: z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), error: HubError })]) },
  },
  events: {
    link: SiteLinkState,
    signal: LinkSignalPush,
    refused: HubRefusal,
  },
});
export type SiteContract = typeof siteContract;
