import { describe, expect, it } from 'vitest';
import { describeUrl } from './resolve-database.ts';
import { classifyStartFailure } from './start-failure.ts';

const line = (message: string) => `2026-11-22 07:39:12.034 UTC [23624] ${message}`;

describe('classifyStartFailure', () => {
  it('recognises a port taken by another program', () => {
    const log = [
      line('LOG:  could not bind IPv4 address "127.0.0.1": Address already in use'),
      line('FATAL:  could not create any TCP/IP sockets'),
    ].join('\n');
    expect(classifyStartFailure(log)).toEqual({ kind: 'port_in_use' });
  });

  it('recognises shared memory still held by the children of a killed server', () => {
    const log = line(
      'FATAL:  pre-existing shared memory block (key 5432001, ID 3) is still in use',
    );
    expect(classifyStartFailure(log)).toEqual({ kind: 'shared_memory_in_use' });
  });

  it('reports a damaged control file with the line that says so', () => {
    const log = [
      line('LOG:  starting PostgreSQL 17.10'),
      line('FATAL:  incorrect checksum in control file'),
    ].join('\n');
    expect(classifyStartFailure(log)).toEqual({
      kind: 'corrupt',
      detail: line('FATAL:  incorrect checksum in control file'),
    });
  });

  it('reports wrong ownership as a directory it cannot use', () => {
    const log = line('FATAL:  data directory "/srv/rumbo/postgres" has wrong ownership');
    expect(classifyStartFailure(log).kind).toBe('foreign');
  });

  it('leaves anything else unknown', () => {
    expect(classifyStartFailure('')).toEqual({ kind: 'unknown' });
  });
});

describe('describeUrl', () => {
  it('names host, port and database without user or password', () => {
    expect(describeUrl('postgres://rumbo:s3creta@db.internal:6543/ventas')).toBe(
      'db.internal:6543/ventas',
    );
  });

  it('fills in the default port', () => {
    expect(describeUrl('postgresql://db.internal/rumbo')).toBe('db.internal:5432/rumbo');
  });

  it('does not echo a URL it cannot parse, which may hold a password', () => {
    expect(describeUrl('s3creta@@nonsense')).toBe('an unparsable DATABASE_URL');
  });
});
