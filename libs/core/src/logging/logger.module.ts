import { DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '../config/app-config';
import { AppLogger } from './app-logger';
import { redactSecretPaths } from './secret-paths';

// Field names that may carry personal data; pino replaces their values wherever they appear.
const REDACTED_PATHS = ['*.email', '*.firstName', '*.lastName', '*.first_name', '*.last_name', 'req.headers.authorization', 'req.headers.cookie'];

/** pino options shared by the HTTP logger and the plain loggers of the worker and CLI. */
export function pinoOptions(config: AppConfig, name: string) {
  const pretty = config.logFormat ? config.logFormat === 'pretty' : process.stdout.isTTY === true;
  return {
    name,
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Applied to each finished line, so a link's secret is dropped wherever it appears: the
    // request's path, pino-http's error objects, a filter's message or stack.
    hooks: { streamWrite: redactSecretPaths },
    transport: pretty ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } : undefined,
  };
}

/** nestjs-pino wired to the config: JSON lines, readable on a terminal, no personal data. */
@Global()
@Module({})
export class LoggerModule {
  static forRoot(name: string): DynamicModule {
    return {
      module: LoggerModule,
      imports: [
        PinoLoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            pinoHttp: {
              ...pinoOptions(config, name),
              // The query string can hold a searched name (`q`), so only the path is logged.
              serializers: {
                req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, path: (req.url ?? '').split('?')[0] }),
                res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
              },
              autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
              // A 503 (the database away) is counted by the error filter: its access line needs no made-up stack.
              customErrorObject: (_req: IncomingMessage, res: ServerResponse, _error: Error, value: object) =>
                res.statusCode === 503 ? { ...value, err: undefined } : value,
            },
          }),
        }),
      ],
      providers: [AppLogger],
      exports: [AppLogger],
    };
  }
}
