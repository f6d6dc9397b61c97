/**
 * SQLSTATE classes and codes that say "try again", not "this lead is bad": a lost or refused
 * connection (08), the server shutting down or restarting (57P01–57P03), a deadlock or
 * serialization failure (40), too few resources (53). A node batch that meets one is retried
 * as a job; it must not mark a journey `failed` as bad data would.
 */
const TRANSIENT_CLASSES = ['08', '40', '53'];
const TRANSIENT_CODES = new Set(['57P01', '57P02', '57P03']);
// Node's own socket errors when the server is gone.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

function codeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

/** True when `error`, or an error it wraps (`cause`, as drizzle wraps pg's), is transient. */
export function isTransientDatabaseError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    const code = codeOf(current);
    if (code !== null) {
      if (TRANSIENT_CODES.has(code) || NETWORK_CODES.has(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && TRANSIENT_CLASSES.includes(code.slice(0, 2))) return true;
    }
    if (current instanceof Error && /Connection terminated/.test(current.message)) return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}
