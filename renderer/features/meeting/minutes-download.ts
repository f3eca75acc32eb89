/** A file of the minutes as a URL the browser downloads (a Blob of the bytes the console sent). */
import type { MinutesDownload } from '../../../shared/contract';

export function downloadUrl(file: MinutesDownload): string {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: file.mime }));
}
