import { Client } from 'pg';
import { freePort } from '../net/free-port';
import { isDatabaseUnavailable } from './database-unavailable';

describe(isDatabaseUnavailable.name, () => {
  it('recognises a refused connection from the real pg client', async () => {
    const client = new Client({ host: '127.0.0.1', port: await freePort(), connectionTimeoutMillis: 2000 });
    const error = await client.connect().then(() => undefined, (failure: unknown) => failure);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a server shutting down (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a server starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a cut connection', new Error('Connection terminated unexpectedly')],
    ['the pool timing out', new Error('timeout exceeded when trying to connect')],
    [
      "TypeORM's wrapper around a driver error",
      Object.assign(new Error('query failed'), { driverError: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }),
    ],
    ['an AggregateError of refused addresses', new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], '')],
    ["pg-boss's spread copy of a worker error", { message: 'Connection terminated (Queue: deliveries.due, Worker: 1)', queue: 'deliveries.due' }],
    ['TypeORM without a connection', Object.assign(new Error('Connection "default" was not found'), { name: 'ConnectionIsNotSetError' })],
  ])('recognises %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })],
    ['a syntax error', Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('leaves %s to be a 500', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
