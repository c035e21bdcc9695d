import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { AppConfig } from '../config/app-config';
import { databaseOutage, type DatabaseOutage } from './database-outage';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './database-unavailable';
import { clientErrorMessage, clientErrorStatus } from './client-error';

/**
 * HTTP errors pass through as Nest shapes them. Errors that carry an HTTP status of their own
 * (body-parser, multer) keep it. The database being away is a 503 with `Retry-After`, counted
 * rather than logged each time. Anything else is a 500 with an `errorId` that is also logged,
 * so a user can quote it and an operator can find the stack.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  private readonly outage: DatabaseOutage;

  constructor(@Optional() @Inject(AppConfig) config?: AppConfig) {
    this.outage = databaseOutage(config?.databaseUrl);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (isDatabaseUnavailable(exception)) {
      this.outage.note('requests refused', exception);
      response.status(503).setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      response.json({ statusCode: 503, message: DATABASE_UNAVAILABLE_MESSAGE, error: 'Service Unavailable' });
      return;
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      if (exception.getStatus() === 503) response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      response.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    const status = clientErrorStatus(exception);
    if (status) {
      response.status(status).json({ statusCode: status, message: clientErrorMessage(exception), error: HttpStatus[status] });
      return;
    }
    const errorId = randomUUID();
    this.logger.error({ errorId, err: loggable(exception) }, 'Unhandled error');
    response.status(500).json({ statusCode: 500, message: 'Internal server error', errorId });
  }
}

// A database error's `detail` quotes the offending values (an email in a unique violation):
// log what locates the fault, never the data.
function loggable(exception: unknown): object {
  if (!(exception instanceof Error)) return { message: String(exception) };
  const { name, message, stack } = exception;
  const { code, constraint, table } = exception as Error & { code?: string; constraint?: string; table?: string };
  return { type: name, message, stack, code, constraint, table };
}
