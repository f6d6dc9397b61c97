import { describe, expect, it } from 'vitest';
import { isTransientDatabaseError } from './transient-error.ts';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('isTransientDatabaseError', () => {
  it('takes deadlocks, serialization failures, lost connections and shutdowns for transient', () => {
    for (const code of ['40P01', '40001', '08006', '08001', '57P01', '57P03', '53300']) {
      expect(isTransientDatabaseError(pgError(code)), code).toBe(true);
    }
    expect(isTransientDatabaseError(pgError('ECONNREFUSED'))).toBe(true);
    expect(isTransientDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('finds the code on the error a query wrapper carries as its cause', () => {
    const wrapped = new Error('Failed query: UPDATE leads …', { cause: pgError('40P01') });
    expect(isTransientDatabaseError(wrapped)).toBe(true);
  });

  it('leaves bad data, broken SQL, cancelled statements and plain errors to fail the journey', () => {
    for (const code of ['22007', '23505', '42601', '57014', 'P0001']) {
      expect(isTransientDatabaseError(pgError(code)), code).toBe(false);
    }
    expect(isTransientDatabaseError(new RangeError('Invalid time zone specified'))).toBe(false);
    expect(isTransientDatabaseError('boom')).toBe(false);
    expect(isTransientDatabaseError(null)).toBe(false);
  });
});
