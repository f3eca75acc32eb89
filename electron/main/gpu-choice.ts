/**
 * Where the wall PC has no GPU, Chromium would composite the page in software and read every WebGL frame of the
 * map back into the page's main thread (80–240 ms a frame here, while pushes wait). Liandong then runs Chromium's
 * GPU pipeline on SwiftShader instead (resources/gpu-switches.json; p2 in the README measures both).
 * Switches must be set before the app is ready, and whether there is a GPU is known only after: the first start
 * on a PC without one finds out, remembers it (userData/gpu-choice.json) and starts again with the switches.
 * LIANDONG_GPU=swiftshader or =native decides instead.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { App } from 'electron';
import switches from '../../resources/gpu-switches.json';

type Choice = { noGpu: boolean };

const file = (app: App) => path.join(app.getPath('userData'), 'gpu-choice.json');

function remembered(app: App): Choice | undefined {
  try {
    return existsSync(file(app)) ? (JSON.parse(readFileSync(file(app), 'utf8')) as Choice) : undefined;
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

/** After `ready`: on a PC found without a GPU, remember it and start again with the switches (once). */
export function checkGpu(app: App, setting: GpuSetting, applied: boolean, log: (line: string) => void): boolean {
  if (applied || setting !== 'auto') return false;
  const status = app.getGPUFeatureStatus();
  const software = /^(disabled|unavailable)/.test(status.gpu_compositing) || /^(disabled|unavailable)/.test(status.webgl);
  if (!software || remembered(app)) return false;
  log(`no GPU (compositing: ${status.gpu_compositing}, WebGL: ${status.webgl}): starting again with Chromium's GPU pipeline on SwiftShader`);
  writeFileSync(file(app), JSON.stringify({ noGpu: true }));
  app.relaunch();
  app.exit(0);
  return true;
}
