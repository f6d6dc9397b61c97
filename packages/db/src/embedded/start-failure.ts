/** Why PostgreSQL refused to start, read from its log (messages forced to English by LC_MESSAGES). */
export type StartFailure =
  | { kind: 'port_in_use' }
  | { kind: 'shared_memory_in_use' }
  | { kind: 'already_running' }
  | { kind: 'corrupt'; detail: string }
  | { kind: 'foreign'; detail: string }
  | { kind: 'timeout' }
  | { kind: 'unknown' };

const CORRUPT = [
  /incorrect checksum in control file/i,
  /could not read file "global\/pg_control"/i,
  /invalid data in file "PG_VERSION"/i,
  /could not locate a valid checkpoint record/i,
  /database files are incompatible with server/i,
  /invalid checkpoint record/i,
  /PANIC: .*/i,
];
const FOREIGN = [/has wrong ownership/i, /has invalid permissions/i, /Permission denied/i];

export function classifyStartFailure(log: string): StartFailure {
  if (/Address already in use|could not create any TCP\/IP sockets/i.test(log)) {
    return { kind: 'port_in_use' };
  }
  if (/pre-existing shared memory block .* is still in use/i.test(log)) {
    return { kind: 'shared_memory_in_use' };
  }
  if (/lock file "postmaster\.pid" already exists/i.test(log)) return { kind: 'already_running' };
  const corrupt = firstMatch(CORRUPT, log);
  if (corrupt !== null) return { kind: 'corrupt', detail: corrupt };
  const foreign = firstMatch(FOREIGN, log);
  if (foreign !== null) return { kind: 'foreign', detail: foreign };
  return { kind: 'unknown' };
}

/** The whole log line of the first pattern that matches. */
function firstMatch(patterns: readonly RegExp[], log: string): string | null {
  for (const pattern of patterns) {
    const line = log.split('\n').find((candidate) => pattern.test(candidate));
    if (line !== undefined) return line.trim().slice(0, 300);
  }
  return null;
}
