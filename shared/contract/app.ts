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

export const appMethods = {
  'app.info': { input: z.object({}).strict(), output: AppInfo },
  'app.embeddedHub': { input: z.object({}).strict(), output: EmbeddedHubInfo },
};
