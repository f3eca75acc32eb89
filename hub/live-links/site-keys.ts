/**
 * One-time site links (现场连线 from a grid worker's phone). The chair or the link's station asks for a key; the
 * phone opens `${hub}/site/#<key>` and presents it with its own device id. The first phone to present it holds
 * it; the same phone may come back (a locked phone, a reload) for SITE_SESSION_MS from its first opening; another
 * phone, an expired key, a key whose time is over, a key replaced by a newer one and a key of an ended link are
 * refused, each with its reason. Only the key's hash is stored.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SITE_KEY_TTL_MS, SITE_SESSION_MS } from '../../shared/live-link';
import { tokenHash } from '../auth';
import type { HubSchema } from '../store/schema';

/** `sessionEndsAt`: when the phone's use of the key ends (its first opening + SITE_SESSION_MS). */
export type SiteClaim = { meetingId: string; linkId: string; expiresAt: number; sessionEndsAt: number };
export type SiteRefusal = { ok: false; reason: 'siteKeyUnknown' | 'siteKeyExpired' | 'siteKeyTaken' | 'siteKeyReplaced' | 'siteKeySessionOver'; message: string };

export class SiteKeys {
  constructor(
    private readonly db: Kysely<HubSchema>,
    private readonly clock: () => number,
  ) {}

  /** A new key for a link; the link's earlier keys stop working (a phone that holds one is let go). */
  async issue(meetingId: string, linkId: string): Promise<{ key: string; expiresAt: number }> {
    const key = `site_${randomBytes(32).toString('base64url')}`;
    const now = this.clock();
    const expiresAt = now + SITE_KEY_TTL_MS;
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('hub_site_keys').set({ revoked_at: now }).where('link_id', '=', linkId).where('revoked_at', 'is', null).execute();
      await trx.insertInto('hub_site_keys').values({ hash: tokenHash(key), meeting_id: meetingId, link_id: linkId, created_at: now, expires_at: expiresAt, device: null, claimed_at: null, revoked_at: null }).execute();
    });
    return { key, expiresAt };
  }

  /** The phone `device` presents `key`: its link, or why not. */
  async claim(key: string, device: string): Promise<({ ok: true } & SiteClaim) | SiteRefusal> {
    const now = this.clock();
    const hash = tokenHash(key);
    const row = await this.db.selectFrom('hub_site_keys').selectAll().where('hash', '=', hash).executeTakeFirst();
    if (!row) return { ok: false, reason: 'siteKeyUnknown', message: '连线链接无效 (unknown site link)' };
    if (row.revoked_at !== null) return { ok: false, reason: 'siteKeyReplaced', message: '该连线链接已被新的链接取代 (a newer site link replaced this one)' };
    if (row.device !== null && row.device !== device) return { ok: false, reason: 'siteKeyTaken', message: '该连线链接已在另一部手机上打开 (opened on another phone already)' };
    // Expiry limits when a link may first be opened; the phone that holds it may come back within its session.
    if (row.claimed_at !== null && now >= row.claimed_at + SITE_SESSION_MS) return { ok: false, reason: 'siteKeySessionOver', message: '连线时间已满，请重新生成链接 (the site link’s time is over: make a new one)' };
    if (row.device === null && now > row.expires_at) return { ok: false, reason: 'siteKeyExpired', message: '连线链接已过期，请重新生成 (the site link has expired: make a new one)' };
    if (row.device === null) {
      // The first phone takes it, once: a second phone racing for the same key finds the row taken.
      const taken = await this.db.updateTable('hub_site_keys').set({ device, claimed_at: now }).where('hash', '=', hash).where('device', 'is', null).executeTakeFirst();
      if (Number(taken.numUpdatedRows) !== 1) return this.claim(key, device);
    }
    return { ok: true, meetingId: row.meeting_id, linkId: row.link_id, expiresAt: row.expires_at, sessionEndsAt: (row.claimed_at ?? now) + SITE_SESSION_MS };
  }
}
