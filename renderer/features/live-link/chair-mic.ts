/**
 * The chair's microphone, asked for the first time the chair speaks to a site (not before: the desk asks for
 * the microphone only then), with echo cancellation; one track for the page, moved between links.
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
