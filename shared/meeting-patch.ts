/**
 * Meeting patches — pure. The hub computes what a change did (`diffMeeting`), a participant applies it
 * (`applyMeetingPatch`), and `MeetingMirror` keeps a participant's copies in step: it takes a snapshot when
 * it is newer, a patch when it is the next version, and says which meeting to fetch whole when a version
 * was missed.
 */
import type { Meeting, MeetingPatch, MeetingPatchPush } from './hub-meeting';

const FIELDS = ['startedAt', 'endedAt', 'current', 'rollCallAt', 'talkTo', 'onWall'] as const;

/** Entries of `next` not in `prev` at the same place (the rules copy only what they change). */
const changedAt = <T>(prev: readonly T[], next: readonly T[]): T[] => next.filter((x, i) => prev[i] !== x);

/**
 * What turned `prev` into `next`. `next` must have been made from `prev` by the meeting rules (which keep
 * unchanged entries as they were), so comparing entries by identity finds what changed.
 */
export function diffMeeting(prev: Meeting, next: Meeting): MeetingPatch {
  const patch: MeetingPatch = {};
  const set: NonNullable<MeetingPatch['set']> = {};
  for (const f of FIELDS) if (prev[f] !== next[f]) (set as Record<string, unknown>)[f] = next[f];
  if (Object.keys(set).length) patch.set = set;
  const attendance = changedAt(prev.attendance, next.attendance);
  if (attendance.length) patch.attendance = attendance;
  const calls = changedAt(prev.calls, next.calls);
  if (calls.length) patch.calls = calls;
  const reports = changedAt(prev.reports, next.reports);
  if (reports.length) patch.reports = reports;
  const links = changedAt(prev.links, next.links);
  if (links.length) patch.links = links;
  const before = new Set(prev.decisions);
  const decisions = next.decisions.filter((d) => !before.has(d));
  if (decisions.length) patch.decisions = decisions;
  // The rules only ever append to the agenda.
  if (next.agenda.length > prev.agenda.length) patch.agenda = next.agenda.slice(prev.agenda.length);
  return patch;
}

/**
 * Where each key sits in a list, kept for the list a patch last produced: applying the next patch to that list
 * moves the index on to the new list instead of looking through the whole list again (a long meeting's calls
 * run to thousands; each patch changes one or two).
 */
const positions = new WeakMap<readonly unknown[], Map<string, number>>();

function indexOf<T>(list: readonly T[], key: (x: T) => string): Map<string, number> {
  const known = positions.get(list);
  if (known) {
    positions.delete(list);
    return known;
  }
  return new Map(list.map((x, i) => [key(x), i]));
}

/** Replace entries with the same key in place; add the others at the end. */
function upsert<T>(list: readonly T[], items: readonly T[] | undefined, key: (x: T) => string): T[] {
  if (!items?.length) return list as T[];
  const at = indexOf(list, key);
  const out = list.slice();
  for (const x of items) {
    const k = key(x);
    const i = at.get(k);
    if (i !== undefined) out[i] = x;
    else at.set(k, out.push(x) - 1);
  }
  positions.set(out, at);
  return out;
}

export function applyMeetingPatch(meeting: Meeting, version: number, patch: MeetingPatch): Meeting {
  const decided = new Set(patch.decisions?.map((d) => d.ticketNo));
  return {
    ...meeting,
    ...patch.set,
    version,
    attendance: upsert(meeting.attendance, patch.attendance, (a) => a.stationCode),
    calls: upsert(meeting.calls, patch.calls, (c) => c.id),
    reports: upsert(meeting.reports, patch.reports, (r) => r.id),
    links: upsert(meeting.links, patch.links, (l) => l.id),
    decisions: patch.decisions?.length ? [...meeting.decisions.filter((d) => !decided.has(d.ticketNo)), ...patch.decisions] : meeting.decisions,
    agenda: patch.agenda?.length ? [...meeting.agenda, ...patch.agenda] : meeting.agenda,
  };
}

/**
 * A participant's copies of its meetings. `snapshot` and `patch` return the meeting when it changed;
 * `patch` returns `fetch` when the meeting must be asked for whole (unknown, or a version was missed).
 */
export class MeetingMirror {
  private readonly meetings = new Map<string, Meeting>();

  get(id: string): Meeting | undefined {
    return this.meetings.get(id);
  }

  all(): Meeting[] {
    return [...this.meetings.values()];
  }

  snapshot(m: Meeting): Meeting | undefined {
    const known = this.meetings.get(m.id);
    // Version 0 is a meeting from before versions: always taken.
    if (known && m.version !== 0 && known.version >= m.version) return undefined;
    this.meetings.set(m.id, m);
    return m;
  }

  patch(p: MeetingPatchPush): { changed?: Meeting; fetch?: string } {
    const known = this.meetings.get(p.meetingId);
    if (known && p.version <= known.version) return {};
    if (!known || p.version !== known.version + 1) return { fetch: p.meetingId };
    const next = applyMeetingPatch(known, p.version, p.patch);
    this.meetings.set(next.id, next);
    return { changed: next };
  }
}
