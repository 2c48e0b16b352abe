/** PGlite's own default is PostgreSQL's 128MB; see docs/decisions/0056. */
export const DEFAULT_PGLITE_SHARED_BUFFERS = "32MB";
const SIZE = /^\d+(kB|MB|GB)$/;

/**
 * PGlite's start parameters with a smaller buffer pool: its WASM heap holds shared_buffers from the
 * start, ~95 MB more resident memory at 128MB for an idle app, and the file system's page cache
 * still serves what does not fit. PGLITE_SHARED_BUFFERS (e.g. "128MB") overrides it.
 */
export function pgliteStartParams(defaults: readonly string[], env: Record<string, string | undefined> = process.env): string[] {
  const size = env.PGLITE_SHARED_BUFFERS || DEFAULT_PGLITE_SHARED_BUFFERS;
  if (!SIZE.test(size)) throw new Error(`PGLITE_SHARED_BUFFERS must be a size such as 32MB (got ${size}).`);
  return [...defaults, "-c", `shared_buffers=${size}`];
}
