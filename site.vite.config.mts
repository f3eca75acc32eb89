// The phone page of 现场连线 (renderer/site), built on its own into out/site: the hub serves it at /site/.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer/site'),
  base: './',
  build: { outDir: resolve(import.meta.dirname, 'out/site'), emptyOutDir: true, chunkSizeWarningLimit: 200 },
});
