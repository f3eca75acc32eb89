import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import pkg from './package.json' with { type: 'json' };

const define = { __APP_VERSION__: JSON.stringify(pkg.version) };

export default defineConfig({
  // Main process bundle: the Electron shell, plus the standalone web host (plain Node, same core).
  main: {
    define,
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          webhost: resolve(__dirname, 'electron/webhost/main.ts'),
          hub: resolve(__dirname, 'hub/main.ts'),
          // The sync's page checker runs on a worker thread (electron/core/sync/page-checker.ts finds it here).
          'page-check-worker': resolve(__dirname, 'electron/core/sync/page-check-worker.ts'),
          // The console's core beside its shell: on a worker thread of the web host, in Electron's utility process.
          'core-worker': resolve(__dirname, 'electron/core/host/worker-entry.ts'),
          'core-utility': resolve(__dirname, 'electron/core/host/utility-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    define,
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
