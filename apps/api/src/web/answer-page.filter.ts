import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { PAGE_LANGUAGES, type PageLanguage } from '@changepulse/surveys';
import { fixedPage, messagePage } from './message.pages';
import { sendPage } from './page-layout';
import { PAGE_TEXTS } from './page-texts';

/** The language a browser asks for, among those the pages speak; English otherwise. */
export function requestLanguage(request: Request): PageLanguage {
  return (request.acceptsLanguages(...PAGE_LANGUAGES) || 'en') as PageLanguage;
}

/**
 * Errors on the answer pages are pages too, never JSON: a known HTTP error keeps its status, and
 * anything else is a 500 page with a reference that is also logged (as the API's filter does).
 */
@Catch()
export class AnswerPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('AnswerPages');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const language = requestLanguage(request);
    const status = exception instanceof HttpException ? exception.getStatus() : clientErrorStatus(exception);
    if (status === 404) return sendPage(response, 404, fixedPage(language, 'notFound'));
    const texts = PAGE_TEXTS[language];
    if (status) return sendPage(response, status, messagePage(language, texts.error.title, (exception as Error).message));
    const errorId = randomUUID();
    const { name, message, stack } = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error({ errorId, err: { type: name, message, stack } }, 'Unhandled error on an answer page');
    sendPage(response, 500, messagePage(language, texts.error.title, texts.error.body(errorId)));
  }
}

function clientErrorStatus(exception: unknown): number | undefined {
  const candidate = exception as { status?: unknown; statusCode?: unknown; expose?: unknown };
  const status = Number(candidate?.status ?? candidate?.statusCode);
  return candidate?.expose === true && status >= 400 && status < 500 ? status : undefined;
}
