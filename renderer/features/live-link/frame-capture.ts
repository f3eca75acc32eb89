/**
 * 截图: one frame of a live tile as a JPEG data URL the hub takes as a site photo (at most ~300 kB: the quality is
 * lowered until it fits; frames wider than 1280 px are scaled down first).
 */
const MAX_WIDTH = 1280;
/** SitePhoto's limit (shared/hub-meeting.ts) is 400,000 characters of data URL. */
const MAX_CHARS = 400_000;

export function captureFrame(video: HTMLVideoElement): string {
  const w = video.videoWidth;
  const h = video.videoHeight;
  if (!w || !h) throw new Error('no picture yet');
  const scale = Math.min(1, MAX_WIDTH / w);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  for (const quality of [0.85, 0.7, 0.55, 0.4, 0.25]) {
    const url = canvas.toDataURL('image/jpeg', quality);
    if (url.length <= MAX_CHARS) return url;
  }
  throw new Error('the frame does not fit in a site photo');
}
