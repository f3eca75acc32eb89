/**
 * Why the camera or microphone could not be had, from getUserMedia's error: said on screen instead of a black
 * tile (摄像头不可用 / 未授权). `reason` is the catalogue's key part (linkMedia.<reason>); `zh` is the phone page's text.
 */
export type MediaProblem = { reason: 'denied' | 'missing' | 'busy' | 'insecure' | 'other'; zh: string };

export function mediaProblem(e: unknown): MediaProblem {
  const name = e instanceof Error || (typeof e === 'object' && e !== null && 'name' in e) ? String((e as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return { reason: 'denied', zh: '未授权：请在浏览器或系统设置中允许使用摄像头和麦克风' };
    case 'NotFoundError':
    case 'OverconstrainedError':
      return { reason: 'missing', zh: '摄像头不可用：没有找到摄像头或麦克风' };
    case 'NotReadableError':
    case 'AbortError':
      return { reason: 'busy', zh: '摄像头不可用：可能正被其他应用占用' };
    case 'SecurityError':
      return { reason: 'insecure', zh: '摄像头不可用：需要通过 https 打开连线链接' };
    default:
      return { reason: 'other', zh: `摄像头不可用：${e instanceof Error ? e.message : String(e)}` };
  }
}
