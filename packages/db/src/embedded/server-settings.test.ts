import { describe, expect, it } from 'vitest';
import { embeddedSharedBuffersMb } from './server-settings.ts';

const GiB = 1024 ** 3;

describe('embeddedSharedBuffersMb', () => {
  it("is an eighth of the machine's memory between 128 MB and 1 GB", () => {
    expect(embeddedSharedBuffersMb(4 * GiB)).toBe(512);
    expect(embeddedSharedBuffersMb(6 * GiB)).toBe(768);
  });

  it("keeps PostgreSQL's 128 MB on small machines and stops at 1 GB on large ones", () => {
    expect(embeddedSharedBuffersMb(512 * 1024 ** 2)).toBe(128);
    expect(embeddedSharedBuffersMb(24 * GiB)).toBe(1024);
  });
});
