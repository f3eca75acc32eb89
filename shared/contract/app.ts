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
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appMethods = {
  'app.info': { input: z.object({}).strict(), output: AppInfo },
};
