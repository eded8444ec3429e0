// How the long-running core's Node runs (`buzzchat serve`, `npm start`); measured by bench/footprint.ts with the
// practice chat connected and under 100 chat lines/s + 100 API calls/s.
// - --max-semi-space-size=1: a 1 MB young generation; V8's default 16 MB semi-spaces held ~25 MB more RSS.
// - --optimize-for-size: the old generation grows by a smaller factor and is compacted, so what a flood promotes is
//   collected near the live size (~55 MB of heap) instead of piling up to twice it (up to +70 MB RSS).
export const CORE_V8_FLAGS = ['--max-semi-space-size=1', '--optimize-for-size'];

// - MALLOC_ARENA_MAX=1: glibc gives each thread that allocates its own arena and keeps what they freed; V8's
//   background threads parsing playwright-core's bundles left ~20 MB in four of them. One arena reuses it
//   (no measurable CPU cost under the flood; ignored where the C library is not glibc).
export const CORE_ENV = { MALLOC_ARENA_MAX: '1' };

/** The core flags not already set on this process's command line or in NODE_OPTIONS (a user's own value wins). */
export function missingCoreFlags(execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? '') {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].map((f) => f.split('=')[0].replaceAll('_', '-'));
  return CORE_V8_FLAGS.filter((f) => !given.includes(f.split('=')[0]));
}

/** The core's environment variables this process was started without (a user's own value wins). */
export function missingCoreEnv(env = process.env) {
  return Object.fromEntries(Object.entries(CORE_ENV).filter(([k]) => env[k] === undefined));
}
