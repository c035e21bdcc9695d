import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { AppConfig, clientErrorMessage, DATABASE_RETRY_AFTER_SECONDS, databaseOutage, isDatabaseUnavailable, type DatabaseOutage } from '@changepulse/core';
import { html } from '../web/html';
import { plainPage, sendSignIn } from './dashboard-layout';

const BACK = html`<p><a href="/dashboard">Back to the dashboard</a></p>`;

/**
 * Errors on the dashboard and sign-in pages are pages too: a known error keeps its status, the
 * database being away is a 503 page with `Retry-After`, anything else is a 500 with a logged reference.
 */
@Catch()
export class DashboardPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('DashboardPages');
  private readonly outage: DatabaseOutage;

  constructor(@Optional() @Inject(AppConfig) config?: AppConfig) {
    this.outage = databaseOutage(config?.databaseUrl);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (isDatabaseUnavailable(exception)) {
      this.outage.note('requests refused', exception);
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendSignIn(response, 503, plainPage('Back in a moment', 'The dashboard cannot reach its database right now. Please reload in a minute.', BACK));
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 403) return sendSignIn(response, 403, plainPage('You cannot see this market', 'Your account covers other markets. Choose one of yours on the dashboard.', BACK));
      if (status === 404) return sendSignIn(response, 404, plainPage('Not found', exception.message, BACK));
      if (status < 500) return sendSignIn(response, status, plainPage('That did not work', clientErrorMessage(exception), BACK));
    }
    const errorId = randomUUID();
    const { name, message, stack } = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error({ errorId, err: { type: name, message, stack } }, 'Unhandled error on a dashboard page');
    sendSignIn(response, 500, plainPage('Something went wrong', `Please try again in a moment. If it keeps happening, tell your change team this reference: ${errorId}.`, BACK));
  }
}
