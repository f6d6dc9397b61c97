/**
 * A start-up failure the operator can fix: printed as one line (`rumbo: <message>`), no
 * stack trace, and the process exits with `exitCode`.
 */
export class StartupError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'StartupError';
    this.exitCode = exitCode;
  }
}

/** True for Node's "address already in use" from `listen`. */
export function isAddressInUse(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
}
