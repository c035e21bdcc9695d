import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { html } from '../web/html';
import { plainPage, sendSignIn } from './dashboard-layout';

const BACK = html`<p><a href="/dashboard">Back to the dashboard</a></p>`;

/** Errors on the dashboard and sign-in pages are pages too: a known error keeps its status, anything else is a 500 with a logged reference. */
@Catch()
export class DashboardPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('DashboardPages');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 403) return sendSignIn(response, 403, plainPage('You cannot see this market', 'Your account covers other markets. Choose one of yours on the dashboard.', BACK));
      if (status === 404) return sendSignIn(response, 404, plainPage('Not found', exception.message, BACK));
      if (status < 500) return sendSignIn(response, status, plainPage('That did not work', exception.message, BACK));
    }
    const errorId = randomUUID();
    const { name, message, stack } = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error({ errorId, err: { type: name, message, stack } }, 'Unhandled error on a dashboard page');
    sendSignIn(response, 500, plainPage('Something went wrong', `Please try again in a moment. If it keeps happening, tell your change team this reference: ${errorId}.`, BACK));
  }
}
