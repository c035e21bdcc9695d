import Module from 'node:module';
import { join } from 'node:path';

// jest's moduleNameMapper reaches test files only; globalSetup and globalTeardown load the libs
// with Node's own require, so `@changepulse/<lib>` is resolved here the same way.
const libs = join(__dirname, '..', '..', 'libs');
const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = resolver._resolveFilename;
resolver._resolveFilename = function (request: string, ...rest: unknown[]) {
  const alias = /^@changepulse\/([a-z-]+)$/.exec(request);
  return resolve.call(this, alias ? join(libs, alias[1], 'src') : request, ...rest);
};
