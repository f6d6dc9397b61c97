/** Stable codes for start-up failures; the server maps them to translated one-line messages. */
export const DATABASE_ERROR_CODES = [
  'data_dir_foreign',
  'data_dir_corrupt',
  'data_dir_version',
  'data_dir_unreachable',
  'binaries_unreachable',
  'already_running',
  'port_in_use',
  'start_failed',
  'database_unreachable',
  'database_too_old',
] as const;
export type DatabaseErrorCode = (typeof DATABASE_ERROR_CODES)[number];

/**
 * A database that cannot be started or reached. `message` says where (data directory, or the
 * URL's host without its password) and what to do; `code` is stable for translation.
 */
export class DatabaseStartError extends Error {
  readonly code: DatabaseErrorCode;
  /** The data directory or `host:port/database` concerned. */
  readonly location: string;

  constructor(code: DatabaseErrorCode, location: string, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'DatabaseStartError';
    this.code = code;
    this.location = location;
  }
}
