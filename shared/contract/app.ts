/** App area: who this console is. */
import { z } from 'zod';

export const Role = z.enum(['console', 'station']);
export type Role = z.infer<typeof Role>;

export const AppInfo = z.object({
  version: z.string(),
  role: Role,
  /** For the station role: the sub-district this app serves. */
  stationCode: z.string().nullable(),
  /** Which shell hosts the service: the Electron main process or the standalone web host. */
  host: z.enum(['electron', 'webhost']),
  now: z.number().int(),
  /** What this screen may do: 'desk' (the desk console: everything) or 'wall' (a read-only wall link). */
  access: z.enum(['desk', 'wall']).default('wall'),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** 本机中心: the embedded hub this console runs when no hub is configured, and how to start a station console
 * against it on this PC (null: a hub is configured, or this is a station). Desk only: it carries tokens. */
export const EmbeddedHubInfo = z
  .object({
    url: z.string(),
    stations: z.array(z.object({ stationCode: z.string(), command: z.string() })),
  })
  .nullable();
export type EmbeddedHubInfo = z.infer<typeof EmbeddedHubInfo>;

/**
 * How the console itself is doing, for operations (and the soak benchmark): the memory of its process and of its
 * core, its store's size on disk (the database and its write-ahead log), how long it has run, how many screens it
 * serves.
 */
export const AppHealth = z.object({
  uptimeMs: z.number().int().nonnegative(),
  /** The resident memory of the process the core runs in. */
  rssBytes: z.number().int().nonnegative(),
  /** The core's JavaScript heap in use (its own isolate: the core's thread or process). */
  heapUsedBytes: z.number().int().nonnegative(),
  /** Memory outside the heap that the core's JavaScript holds: Buffers and ArrayBuffers (a page of the feed, a PDF). */
  externalBytes: z.number().int().nonnegative(),
  /** The store's file and its WAL (0 for a store in memory). */
  storeBytes: z.number().int().nonnegative(),
  walBytes: z.number().int().nonnegative(),
  /** Screens connected (windows, web pages). */
  peers: z.number().int().nonnegative(),
});
export type AppHealth = z.infer<typeof AppHealth>;

export const appMethods = {
  'app.info': { input: z.object({}).strict(), output: AppInfo },
  'app.health': { input: z.object({}).strict(), output: AppHealth },
  'app.embeddedHub': { input: z.object({}).strict(), output: EmbeddedHubInfo },
};
