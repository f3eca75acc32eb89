/** A file the console sent (its bytes as base64) as a URL the browser downloads: a Blob of the bytes. */
export function downloadUrl(file: { base64: string; mime: string }): string {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: file.mime }));
}
