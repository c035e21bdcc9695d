import pino from 'pino';
import { Writable } from 'node:stream';
import { loadConfig } from '../config/load-config';
import { pinoOptions } from './logger.module';
import { redactSecretPaths } from './secret-paths';

const ANSWER = 'q83vEjRWeJq83vEjRWeJqw.0123456789abcdefghijABCDEFGHIJ_-';
const SIGN_IN = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo';

describe(redactSecretPaths.name, () => {
  it('keeps the shape of every single-use link and drops its secret', () => {
    expect(redactSecretPaths(`/s/${ANSWER}`)).toBe('/s/[redacted]');
    expect(redactSecretPaths(`/s/${ANSWER}/unsubscribe`)).toBe('/s/[redacted]/unsubscribe');
    expect(redactSecretPaths(`/s/${ANSWER}/thanks?x=1`)).toBe('/s/[redacted]/thanks?x=1');
    expect(redactSecretPaths(`/dashboard/sign-in/${SIGN_IN}`)).toBe('/dashboard/sign-in/[redacted]');
    expect(redactSecretPaths(`/dashboard/digest/unsubscribe/${ANSWER}`)).toBe('/dashboard/digest/unsubscribe/[redacted]');
    expect(redactSecretPaths(`Cannot GET https://pulse.example.com/s/${ANSWER}.extra`)).toBe('Cannot GET https://pulse.example.com/s/[redacted]');
  });

  it('leaves paths without a secret alone', () => {
    for (const path of ['/dashboard/sign-in', '/dashboard', '/api/markets/DE/export.csv', '/assets/chart.umd.js', '/api/docs/swagger-ui.css', '/s/']) {
      expect(redactSecretPaths(path)).toBe(path);
    }
  });

  it('is applied by the apps’ pino options to the message, the fields and an error’s stack', () => {
    const lines: string[] = [];
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino(pinoOptions(loadConfig({ LOG_FORMAT: 'json', LOG_LEVEL: 'info' }), 'spec'), capture);
    const error = new Error(`failed on /s/${ANSWER}/unsubscribe`);
    logger.error({ err: error, req: { path: `/dashboard/sign-in/${SIGN_IN}` } }, `Unhandled error on /s/${ANSWER}`);
    const [line] = lines;
    expect(line).not.toContain(ANSWER);
    expect(line).not.toContain(SIGN_IN);
    expect(JSON.parse(line)).toMatchObject({
      msg: 'Unhandled error on /s/[redacted]',
      req: { path: '/dashboard/sign-in/[redacted]' },
      err: { message: 'failed on /s/[redacted]/unsubscribe', stack: expect.stringContaining('failed on /s/[redacted]/unsubscribe') },
    });
  });
});
