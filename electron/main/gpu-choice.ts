/**
 * Where the wall PC has no GPU, Chromium would composite the page in software and read every WebGL frame of the
 * map back into the page's main thread (80–240 ms a frame here, while pushes wait). Liandong then runs Chromium's
 * GPU pipeline on SwiftShader instead (resources/gpu-switches.json; p2 in the README measures both).
 * Switches must be set before the app is ready, and whether there is a GPU is known only after: the first start
 * on a PC without one finds out, remembers it (userData/gpu-choice.json, for 30 days) and starts again with the
 * switches (a start from `npm start` is then no longer attached to its terminal). LIANDONG_GPU=swiftshader or
 * =native decides instead.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { App } from 'electron';
import switches from '../../resources/gpu-switches.json';

/** What was found, and when (a finding older than REMEMBER_MS is found again: a GPU may have been fitted since). */
type Choice = { noGpu: boolean; at?: number };
const REMEMBER_MS = 30 * 86_400_000;

const file = (app: App) => path.join(app.getPath('userData'), 'gpu-choice.json');

function remembered(app: App): Choice | undefined {
  try {
    const c = existsSync(file(app)) ? (JSON.parse(readFileSync(file(app), 'utf8')) as Choice) : undefined;
    return c && typeof c.at === 'number' && Date.now() - c.at < REMEMBER_MS ? c : undefined;
  } catch {
    return undefined;
  }
}

export type GpuSetting = 'auto' | 'swiftshader' | 'native';

/** Before `ready`: apply the switches when this PC is known (or configured) to have no GPU. */
export function applyGpuChoice(app: App, setting: GpuSetting): boolean {
  const noGpu = setting === 'swiftshader' || (setting === 'auto' && remembered(app)?.noGpu === true);
  if (!noGpu) return false;
  for (const s of switches.noGpu) {
    const [name, value] = s.replace(/^--/, '').split('=');
    app.commandLine.appendSwitch(name!, value);
  }
  return true;
}

/**
 * After `ready`, without holding the start-up: once Chromium has told what its GPU can do ('gpu-info-update'; the
 * feature status is provisional before it), a PC found without a GPU is remembered and the app starts again with
 * the switches — once (then every REMEMBER_MS, to notice a GPU fitted since).
 */
export function watchGpu(app: App, setting: GpuSetting, applied: boolean, log: (line: string) => void): void {
  if (applied || setting !== 'auto') return;
  const check = () => {
    const status = app.getGPUFeatureStatus();
    const software = /^(disabled|unavailable)/.test(status.gpu_compositing) || /^(disabled|unavailable)/.test(status.webgl);
    if (!software || remembered(app)) return;
    app.removeListener('gpu-info-update', check);
    log(`no GPU (compositing: ${status.gpu_compositing}, WebGL: ${status.webgl}): starting again with Chromium's GPU pipeline on SwiftShader`);
    writeFileSync(file(app), JSON.stringify({ noGpu: true, at: Date.now() } satisfies Choice));
    app.relaunch();
    app.exit(0);
  };
  app.on('gpu-info-update', check);
}
