/**
 * The environment the console's core process starts with. glibc's malloc gives each thread that allocates its
 * own arena (up to 8 per core): the core's SQLite work runs on libuv's pool threads and the worker, and each arena
 * keeps its freed pages. Two arenas: measured in the soak (r7, 25 minutes at 20× the demo's rate), the console's
 * memory started 17 MB lower and grew 24.5 MB instead of 36.7 (docs/perf-log.md). A value already set is kept.
 * (scripts/start.mjs sets the same for the web host it spawns: it runs before anything is built.)
 */
export function coreProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2' };
}
