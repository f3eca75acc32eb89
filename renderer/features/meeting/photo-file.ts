/** A photo from a file input as a JPEG data URL small enough for a site report (≤ 1280 px, ~300 kB). */
const MAX_SIDE = 1280;
const MAX_CHARS = 400_000;

export async function photoDataUrl(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file);
  for (const [side, quality] of [[MAX_SIDE, 0.75], [960, 0.6], [640, 0.5]] as const) {
    const k = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * k);
    canvas.height = Math.round(bitmap.height * k);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const url = canvas.toDataURL('image/jpeg', quality);
    if (url.length <= MAX_CHARS) return url;
  }
  throw new Error('照片过大 (photo too large)');
}
