/**
 * Which display the wall opens on (pure; the shell passes Electron's displays in): the LIANDONG_DISPLAY
 * index when the deployment sets one, else the display chosen in the wall's settings, else the primary.
 */
export type DisplayLike = { id: number; bounds: { x: number; y: number; width: number; height: number }; workArea: { x: number; y: number; width: number; height: number }; label?: string };

export function chooseDisplay<D extends DisplayLike>(displays: readonly D[], primary: D, wanted: { envIndex: number | null; settingId: number | null }): { display: D; note: string | null } {
  if (wanted.envIndex !== null) {
    const d = displays[wanted.envIndex];
    return d ? { display: d, note: null } : { display: primary, note: `display ${wanted.envIndex} (LIANDONG_DISPLAY) not found; using the primary display` };
  }
  if (wanted.settingId !== null) {
    const d = displays.find((x) => x.id === wanted.settingId);
    return d ? { display: d, note: null } : { display: primary, note: `display ${wanted.settingId} (settings) is not connected; using the primary display` };
  }
  return { display: primary, note: null };
}

/** The displays as the settings screen lists them. */
export function describeDisplays<D extends DisplayLike>(displays: readonly D[], primary: D) {
  return displays.map((d, i) => ({ id: d.id, label: d.label || `显示器 ${i + 1}`, primary: d.id === primary.id, width: d.bounds.width, height: d.bounds.height }));
}
