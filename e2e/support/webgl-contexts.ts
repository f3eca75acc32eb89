/** Counting a page's live WebGL contexts (made, still referenced, not lost): the map must keep one across views. */
import type { Page } from 'playwright-core';

/** Before the page loads: wrap getContext to note each WebGL context made. */
export async function watchWebglContexts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const made: WeakRef<WebGLRenderingContext>[] = [];
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      const ctx = (original as (this: HTMLCanvasElement, t: string, ...r: unknown[]) => RenderingContext | null).call(this, type, ...rest);
      if (ctx && /webgl/.test(type) && !made.some((r) => r.deref() === ctx)) made.push(new WeakRef(ctx as WebGLRenderingContext));
      return ctx;
    } as typeof original;
    (window as unknown as { __webgl: () => number }).__webgl = () => made.filter((r) => r.deref() && !r.deref()!.isContextLost()).length;
    (window as unknown as { __webglMade: () => number }).__webglMade = () => made.length;
  });
}

/** WebGL contexts the page has made since it loaded, alive or not (a map rebuilt on each view would make one each time). */
export const webglContextsMade = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __webglMade: () => number }).__webglMade());

export const webglContexts = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __webgl: () => number }).__webgl());
