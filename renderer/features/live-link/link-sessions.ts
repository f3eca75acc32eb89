/**
 * The page's live links outlive its views (as the map does): the chair's receiver of a link and a station's sender
 * are kept per link while the link is open, whatever view the screen shows — the chair looking at the map during
 * a link does not cut it — and closed when the link or its meeting ends (the console's meetings.changed) or the
 * page goes. A view only shows them.
 */
import type { Meeting } from '../../../shared/contract';
import type { LiandongClient } from '../../app/client-context';

export type Kept = { meeting(m: Meeting): void; close(): void };

type Sessions = Map<string, Kept>;
const byClient = new WeakMap<LiandongClient, Sessions>();

function sessionsOf(client: LiandongClient): Sessions {
  let s = byClient.get(client);
  if (!s) {
    const sessions: Sessions = new Map();
    client.on('meetings.changed', (m) => {
      for (const [key, kept] of sessions) {
        const [meetingId, linkId] = key.split('|');
        if (meetingId !== m.id) continue;
        const link = m.links.find((l) => l.id === linkId);
        if (m.endedAt !== null || !link || link.endedAt !== null) {
          sessions.delete(key);
          kept.close();
        } else kept.meeting(m);
      }
    });
    window.addEventListener('pagehide', () => {
      for (const kept of sessions.values()) kept.close();
      sessions.clear();
    });
    byClient.set(client, (s = sessions));
  }
  return s;
}

/** The kept session of a link's `kind` (made by `make` the first time). */
export function keptSession<T extends Kept>(client: LiandongClient, meetingId: string, linkId: string, kind: string, make: () => T): T {
  const sessions = sessionsOf(client);
  const key = `${meetingId}|${linkId}|${kind}`;
  let kept = sessions.get(key) as T | undefined;
  if (!kept) sessions.set(key, (kept = make()));
  return kept;
}
