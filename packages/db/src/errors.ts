/**
 * Errors are classified by SQLSTATE, never by message text: a retry helps when the
 * server or the connection failed, not when the data is wrong.
 */
const TRANSIENT_CLASSES = ['08', '53', '57', '58']; // connection, resources, operator, system
// Another transaction was in the way: serialization failure, deadlock, lock timeout.
const CONFLICT_CODES = new Set(['40001', '40P01', '55P03']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

export const isTransientDbError = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || CONFLICT_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code)) return TRANSIENT_CLASSES.includes(code.slice(0, 2));
  }
  const message = error instanceof Error ? error.message : '';
  // pg raises these without a code when the socket goes away mid-query.
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
    message,
  );
};

/** A transient error caused by another transaction (retry), not by the server being away. */
export const isLockConflict = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONFLICT_CODES.has(code);
};

/** One line an operator can act on, for start-up failures. */
export const describeDbError = (error: unknown, connectionString: string): string => {
  const where = safeTarget(connectionString);
  const code = (error as { code?: string } | null)?.code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (
    code === 'ECONNREFUSED' ||
    code === 'ETIMEDOUT' ||
    code === 'EHOSTUNREACH' ||
    /timeout/i.test(message)
  ) {
    return `cannot reach Postgres at ${where} (${code || message}): start the server or set DATABASE_URL`;
  }
  if (code === '3D000') return `database does not exist at ${where}: ${message}`;
  if (code === '28P01' || code === '28000')
    return `Postgres refused the login at ${where}: ${message}`;
  return `Postgres error at ${where}: ${message}${code ? ` (${code})` : ''}`;
};

/** host:port/database without the password. */
export const safeTarget = (connectionString: string): string => {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
};
