/**
 * Which view the wall shows, and the playlist that rotates them: the next view every `everySec` seconds,
 * paused while a card or panel is open and for a minute after someone touches the screen.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WallSettings } from '../../../shared/contract';

export type View = 'overview' | 'kpi' | 'warnings' | 'meeting' | 'supervision' | 'reports' | 'audit' | 'settings';
const IDLE_BEFORE_ROTATING_MS = 60_000;

export function useWallView(settings: WallSettings | undefined, paused: boolean): [View, (v: View) => void] {
  const [view, setView] = useState<View>(() => (new URLSearchParams(location.search).get('view') as View | null) ?? 'overview');
  const touched = useRef(0);
  useEffect(() => {
    const mark = () => (touched.current = Date.now());
    window.addEventListener('pointerdown', mark);
    window.addEventListener('keydown', mark);
    return () => {
      window.removeEventListener('pointerdown', mark);
      window.removeEventListener('keydown', mark);
    };
  }, []);
  // The playlist by value: settings read again (after a reconnection, say) do not restart the rotation.
  const playlistKey = JSON.stringify(settings?.playlist ?? null);
  useEffect(() => {
    const playlist = JSON.parse(playlistKey) as WallSettings['playlist'] | null;
    if (!playlist?.enabled || paused || view === 'settings' || view === 'warnings' || view === 'meeting' || view === 'audit' || view === 'reports' || view === 'supervision') return;
    const id = setInterval(() => {
      if (Date.now() - touched.current < IDLE_BEFORE_ROTATING_MS) return;
      setView((v) => {
        const i = playlist.views.indexOf(v as (typeof playlist.views)[number]);
        return playlist.views[(i + 1) % playlist.views.length]!;
      });
    }, playlist.everySec * 1000);
    return () => clearInterval(id);
  }, [playlistKey, paused, view]);
  // A view chosen by hand counts as touching the screen (the playlist waits); the same function every render.
  const choose = useCallback((v: View) => {
    touched.current = Date.now();
    setView(v);
  }, []);
  return [view, choose];
}

/** Optional soft reload for week-long uptime: reloads the page every N hours (0: never). */
export function useSoftReload(hours: number | undefined): void {
  useEffect(() => {
    if (!hours) return;
    const id = setTimeout(() => location.reload(), hours * 3_600_000);
    return () => clearTimeout(id);
  }, [hours]);
}
