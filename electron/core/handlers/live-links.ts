import type { LiandongContract } from '../../../shared/contract';
import type { Handlers } from '../../../shared/rpc/define';
import type { LiveLinkRelay } from '../meetings/live-link-relay';

type LinkMethods = 'links.signal' | 'links.ice' | 'links.siteKey';

export function liveLinkHandlers(r: LiveLinkRelay): Pick<Handlers<LiandongContract>, LinkMethods> {
  return {
    'links.signal': (req, ctx) => r.signal(req, ctx),
    'links.ice': () => r.ice(),
    'links.siteKey': ({ meetingId, linkId }) => r.siteKey(meetingId, linkId),
  };
}
