/**
 * The chair's microphone, asked for when the chair speaks to a site (not before: the desk asks for the microphone
 * only then), with echo cancellation; one track for the page, moved between links, and let go as soon as the
 * chair speaks to no site (the system's microphone mark goes off).
 */
let mic: Promise<MediaStreamTrack> | undefined;

export function chairMic(): Promise<MediaStreamTrack> {
  mic ??= navigator.mediaDevices
    .getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true }, video: false })
    .then((s) => s.getAudioTracks()[0]!)
    .catch((e: unknown) => {
      mic = undefined;
      throw e;
    });
  return mic;
}

/** Stop the microphone (asked for again the next time the chair speaks to a site). */
export function releaseChairMic(): void {
  const had = mic;
  mic = undefined;
  void had?.then((t) => t.stop()).catch(() => undefined);
}
