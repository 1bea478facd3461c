import { describe, expect, it } from 'vitest';
import { describeDbError, isLockConflict, isTransientDbError, safeTarget } from './errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isTransientDbError', () => {
  it('retries what a retry can fix: the network, the server, a deadlock', () => {
    for (const code of [
      'ECONNREFUSED',
      'ECONNRESET',
      '08006',
      '57P01',
      '53300',
      '40P01',
      '40001',
    ]) {
      expect(isTransientDbError(withCode(code)), code).toBe(true);
    }
    expect(isTransientDbError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('never retries what is wrong with the data', () => {
    for (const code of ['23505', '23514', '22P02', '42P01']) {
      expect(isTransientDbError(withCode(code)), code).toBe(false);
    }
    expect(isTransientDbError(new Error('value too long'))).toBe(false);
    expect(isTransientDbError(null)).toBe(false);
  });
});

describe('isLockConflict', () => {
  it('tells another transaction in the way from the server being away', () => {
    for (const code of ['40P01', '40001', '55P03'])
      expect(isLockConflict(withCode(code)), code).toBe(true);
    for (const code of ['ECONNREFUSED', '08006', '57P01', '23505']) {
      expect(isLockConflict(withCode(code)), code).toBe(false);
    }
    expect(isLockConflict(new Error('Connection terminated unexpectedly'))).toBe(false);
  });
});

describe('describeDbError', () => {
  const url = 'postgres://app:s3cret@db.internal:6543/calls';

  it('names the server without the password, and what to do', () => {
    const line = describeDbError(withCode('ECONNREFUSED', 'connect ECONNREFUSED'), url);
    expect(line).toBe(
      'cannot reach Postgres at db.internal:6543/calls (ECONNREFUSED): start the server or set DATABASE_URL',
    );
    expect(line).not.toContain('s3cret');
    expect(describeDbError(withCode('3D000', 'database "calls" does not exist'), url)).toMatch(
      /^database does not exist at db\.internal:6543\/calls/,
    );
    expect(describeDbError(withCode('28P01', 'password authentication failed'), url)).toMatch(
      /^Postgres refused the login/,
    );
  });

  it('keeps an unparseable URL out of the message', () => {
    expect(safeTarget('not a url :// s3cret')).toBe('(unparseable DATABASE_URL)');
  });
});
