// Socket errors of a server that is gone or restarting.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

// SQLSTATEs that say "the server cannot serve you right now", not "your query is wrong":
// class 08 (connection exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot
// connect now (starting up, in recovery), 53300 too many connections.
const SQL_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

// What pg, its pool and TypeORM say when they have no connection; these carry no code.
const MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
];
const NAMES = new Set(['ConnectionIsNotSetError']);

/**
 * Whether an error means the database cannot be reached at the moment (down, restarting, the
 * connection cut), as opposed to a fault in the request or the code. Looks through TypeORM's
 * `driverError`, `cause` and the `errors` of an AggregateError. Accepts plain objects too, since
 * pg-boss re-emits worker errors as spread copies.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const candidate = error as { code?: unknown; name?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof candidate.code === 'string' ? candidate.code : '';
  if (NETWORK_CODES.has(code) || SQL_STATES.has(code) || code.startsWith('08')) return true;
  if (typeof candidate.name === 'string' && NAMES.has(candidate.name)) return true;
  if (typeof candidate.message === 'string' && MESSAGES.some((pattern) => pattern.test(candidate.message as string))) return true;
  const nested = [candidate.driverError, candidate.cause, ...(Array.isArray(candidate.errors) ? candidate.errors : [])];
  return nested.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** Seconds a client is asked to wait (`Retry-After`) while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** What an API client reads while the database is away. */
export const DATABASE_UNAVAILABLE_MESSAGE = `The database is unavailable for a moment; try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`;
