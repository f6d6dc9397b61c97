/**
 * `shared_buffers` for the embedded server: an eighth of the machine's memory, between
 * PostgreSQL's own default (128 MB, made for the smallest machines) and 1 GB. At 128 MB a
 * million-lead campaign's enrollments and steps no longer fit, and every runner move evicted
 * dirty pages; with 1 GB a 1 M-lead run took 166 s instead of 188 s (tests/bench/runner.bench.ts).
 */
export function embeddedSharedBuffersMb(totalMemoryBytes: number): number {
  const eighthMb = Math.floor(totalMemoryBytes / 8 / 1024 / 1024);
  return Math.min(1024, Math.max(128, eighthMb));
}
