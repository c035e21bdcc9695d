import { ArgumentsHost, Catch, ExceptionFilter, Inject, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import {
  AppConfig,
  clientErrorMessage,
  clientErrorStatus,
  DATABASE_RETRY_AFTER_SECONDS,
  databaseOutage,
  isDatabaseUnavailable,
  type DatabaseOutage,
} from '@changepulse/core';
import { PAGE_LANGUAGES, type PageLanguage } from '@changepulse/surveys';
import { fixedPage, messagePage } from './message.pages';
import { sendPage } from './page-layout';
import { PAGE_TEXTS } from './page-texts';

/** The language a browser asks for, among those the pages speak; English otherwise. */
export function requestLanguage(request: Request): PageLanguage {
  return (request.acceptsLanguages(...PAGE_LANGUAGES) || 'en') as PageLanguage;
}

// The database being away: a page saying so, in the person's language (503, counted, not logged each time).
const UNAVAILABLE: Record<PageLanguage, { title: string; body: string }> = {
  en: { title: 'Back in a moment', body: 'The survey cannot be reached right now. Please try again in a minute; your link stays valid.' },
  de: { title: 'Gleich wieder da', body: 'Die Umfrage ist gerade nicht erreichbar. Bitte versuchen Sie es in einer Minute erneut; Ihr Link bleibt gültig.' },
};

/**
 * Errors on the answer pages are pages too, never JSON: a known HTTP error keeps its status, the
 * database being away is a 503 page with `Retry-After`, and anything else is a 500 page with a
 * reference that is also logged (as the API's filter does).
 */
@Catch()
export class AnswerPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('AnswerPages');
  private readonly outage: DatabaseOutage;

  constructor(@Optional() @Inject(AppConfig) config?: AppConfig) {
    this.outage = databaseOutage(config?.databaseUrl);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const language = requestLanguage(request);
    if (isDatabaseUnavailable(exception)) {
      this.outage.note('requests refused', exception);
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendPage(response, 503, messagePage(language, UNAVAILABLE[language].title, UNAVAILABLE[language].body));
    }
    const status = clientErrorStatus(exception);
    if (status === 404) return sendPage(response, 404, fixedPage(language, 'notFound'));
    const texts = PAGE_TEXTS[language];
    if (status) return sendPage(response, status, messagePage(language, texts.error.title, clientErrorMessage(exception)));
    const errorId = randomUUID();
    const { name, message, stack } = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error({ errorId, err: { type: name, message, stack } }, 'Unhandled error on an answer page');
    sendPage(response, 500, messagePage(language, texts.error.title, texts.error.body(errorId)));
  }
}
