/** Where phones reach the hub for 现场连线 (hub-server.ts siteUrl). */
/** LIANDONG_SITE_URL: where grid workers' phones reach this hub (https: a phone gives the camera to a secure page only). */
export function readSiteUrl(env: NodeJS.ProcessEnv): string | undefined {
  const v = env.LIANDONG_SITE_URL?.trim();
  if (!v) return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new Error(`LIANDONG_SITE_URL: not an address: ${v}`);
  }
  if (u.protocol !== 'https:') throw new Error(`LIANDONG_SITE_URL=${v}: 手机只在 https 页面上允许使用摄像头 (phones give the camera to https pages only)`);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}
