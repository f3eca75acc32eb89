/**
 * What a shell (Electron's main process, the web host) and the console's core, running beside it in a process or
 * thread of its own, say to each other on their control channel. Peers' contract traffic does not go here: each
 * peer has a port of its own (shared/rpc/port-transport.ts), handed over with `connect`.
 */
import { z } from 'zod';
import { DisplayInfo, type WallSettings } from '../../../shared/contract';
import { ConsoleConfig } from '../config';
import type { MediaMoment } from '../meetings/media-moment';

export const CoreStart = z.object({
  /** The configuration, as the shell read it (readConfig: a bad value has stopped the shell already). */
  config: ConsoleConfig,
  resourcesDir: z.string().min(1),
  host: z.enum(['electron', 'webhost']),
  version: z.string().max(100),
  /** The shell's displays (Electron), kept current by `displays`. */
  displays: z.array(DisplayInfo).default([]),
});
export type CoreStart = z.input<typeof CoreStart>;

export const ToCore = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), start: CoreStart }),
  /** A port for one peer comes with this message: serve it with this access. */
  z.object({ kind: z.literal('connect'), peer: z.string().min(1).max(200), transport: z.enum(['ipc', 'websocket', 'memory']), access: z.enum(['desk', 'wall']) }),
  z.object({ kind: z.literal('displays'), displays: z.array(DisplayInfo) }),
  /** Close the store and everything else; answered with `stopped`. */
  z.object({ kind: z.literal('stop') }),
]);
export type ToCore = z.infer<typeof ToCore>;
/** A message as the shell writes it (defaults may be left out). */
export type ToCoreMessage = z.input<typeof ToCore>;

export type FromCore =
  /** Started; the wall's settings as stored (the shell places its window by them before it shows it). */
  | { kind: 'ready'; wallSettings: WallSettings }
  | { kind: 'failed'; message: string }
  | { kind: 'log'; line: string }
  | { kind: 'wallSettings'; settings: WallSettings }
  /** When the camera and microphone may be used now (the shell's permission handler allows them only then). */
  | { kind: 'media'; media: MediaMoment }
  | { kind: 'stopped' };
