#!/usr/bin/env node
/**
 * `npm start`: build, then run the console.
 * 1. Build (electron-vite: main, preload, renderer).
 * 2. Electron binary present, or obtainable once with Electron's own installer, and a display → the Electron app.
 * 3. Otherwise the web host (plain Node, same core and renderer): with a display it opens Debian's Chromium
 *    as an app window; without one it prints exactly one line on stdout:
 *      Liandong wall: http://127.0.0.1:PORT/?token=TOKEN
 * Diagnostics go to stderr. With no configuration the console shows the demo tickets, from an embedded hub
 * whose address and the command for a station console against it are printed on stderr too.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const say = (line) => process.stderr.write(`[liandong] ${line}\n`);
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function build() {
  if (process.env.LIANDONG_SKIP_BUILD === '1' && existsSync(path.join(root, 'out', 'main', 'webhost.js'))) return;
  say('building…');
  // The console, and the grid workers' phone page the embedded hub serves for 现场连线.
  for (const args of [['electron-vite', ['build']], ['vite', ['build', '--config', 'site.vite.config.mts', '--logLevel', 'warn']]]) {
    const r = spawnSync(bin(args[0]), args[1], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) {
      say('build failed');
      process.exit(r.status ?? 1);
    }
  }
}

function electronPath() {
  try {
    delete require.cache[require.resolve('electron')];
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

/** Run Electron's installer once; remember a failure so later starts do not wait on it again. */
function obtainElectron() {
  const marker = path.join(root, 'node_modules', '.cache', 'liandong', 'electron-install-failed');
  if (existsSync(marker) && process.env.LIANDONG_RETRY_ELECTRON !== '1') {
    say(`no Electron binary (download failed earlier: ${readFileSync(marker, 'utf8').trim()}; LIANDONG_RETRY_ELECTRON=1 to try again)`);
    return undefined;
  }
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return undefined;
  say('no Electron binary: trying Electron\'s installer once…');
  const r = spawnSync(process.execPath, [installer], { cwd: path.dirname(installer), stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
  const found = electronPath();
  if (!found) {
    mkdirSync(path.dirname(marker), { recursive: true });
    const why = (r.stderr?.toString().match(/Error[^\n]*/)?.[0] ?? `exit ${r.status}`).slice(0, 200);
    writeFileSync(marker, `${new Date().toISOString()} ${why}\n`);
    say(`Electron could not be obtained (${why}); using the web host instead`);
  }
  return found;
}

/**
 * A PC without a GPU (Linux: no /dev/dri render node; LIANDONG_GPU=swiftshader or =native decides): the wall's
 * window runs Chromium's GPU pipeline on SwiftShader rather than software compositing (resources/gpu-switches.json).
 */
function gpuSwitches() {
  const noGpu = process.env.LIANDONG_GPU === 'swiftshader' || (process.env.LIANDONG_GPU !== 'native' && process.platform === 'linux' && !existsSync('/dev/dri'));
  return noGpu ? JSON.parse(readFileSync(path.join(root, 'resources', 'gpu-switches.json'), 'utf8')).noGpu : [];
}

const hasDisplay = () => process.platform !== 'linux' || !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

function runElectron(electron) {
  const args = [root, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  const child = spawn(electron, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

function findChromium() {
  return [process.env.LIANDONG_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
}

function runWebHost() {
  // Two malloc arenas for the console's process (electron/core/core-process-env.ts says why).
  const env = { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };
  const child = spawn(process.execPath, [path.join(root, 'out', 'main', 'webhost.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let buffered = '';
  let browser;
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    let i;
    while ((i = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, i);
      buffered = buffered.slice(i + 1);
      process.stdout.write(line + '\n');
      const url = /^Liandong wall: (\S+)/.exec(line)?.[1];
      const chromium = url && hasDisplay() && process.env.LIANDONG_OPEN_BROWSER !== '0' ? findChromium() : undefined;
      if (chromium) {
        // One browser profile per data folder: a station console started beside the chair's (the command the
        // chair's console prints) gets its own window instead of handing its page to the running browser.
        const dataKey = createHash('sha256').update(process.env.LIANDONG_DATA_DIR || '').digest('hex').slice(0, 10);
        const profile = path.join(tmpdir(), process.env.LIANDONG_DATA_DIR ? `liandong-wall-profile-${dataKey}` : 'liandong-wall-profile');
        browser = spawn(chromium, [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--start-maximized', ...gpuSwitches(), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])], { stdio: 'ignore' });
        browser.on('exit', () => child.kill('SIGTERM'));
      }
    }
  });
  child.on('exit', (code) => {
    browser?.kill();
    process.exit(code ?? 0);
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

build();
const electron = process.env.LIANDONG_WEB === '1' ? undefined : (electronPath() ?? obtainElectron());
if (electron && hasDisplay()) runElectron(electron);
else {
  if (electron) say('Electron is installed but there is no display: serving the wall over the web host');
  runWebHost();
}
