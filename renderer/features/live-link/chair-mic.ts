/**
 * The chair's microphone, asked for when the chair speaks to a site (not before: the desk asks for the microphone
 * only then), with echo cancellation; one track for the page, moved between links, and let go as soon as the
 * chair speaks to no site (the system's microphone mark goes off).
 */
let mic: Promise<MediaStreamTrack> | undefined;
/** Links speaking now (one at a time; two for a moment while the chair moves from one site to another). */
let users = 0;

export function chairMic(): Promise<MediaStreamTrack> {
  users++;
  mic ??= navigator.mediaDevices
    .getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true }, video: false })
    .then((s) => s.getAudioTracks()[0]!)
    .catch((e: unknown) => {
      mic = undefined;
      throw e;
    });
  return mic;
}

/** A link stops speaking; the microphone is stopped when none speaks (asked for again the next time). */
export function releaseChairMic(): void {
  users = Math.max(0, users - 1);
  if (users > 0) return;
  const had = mic;
  mic = undefined;
  void had?.then((t) => t.stop()).catch(() => undefined);
}
