import { HttpException } from '@nestjs/common';

/**
 * The status of an error the client caused: an HttpException's own, or that of an error that
 * carries an exposed 4xx status (body-parser, multer). Undefined for anything else.
 */
export function clientErrorStatus(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus() < 500 ? exception.getStatus() : undefined;
  const candidate = exception as { status?: unknown; statusCode?: unknown; expose?: unknown };
  const status = Number(candidate?.status ?? candidate?.statusCode);
  return candidate?.expose === true && status >= 400 && status < 500 ? status : undefined;
}

/**
 * What a page should tell the person about a client error: the messages a validation error
 * names its fields in (Nest keeps them in the response body, the `message` is only "Bad Request
 * Exception"), else the error's own message.
 */
export function clientErrorMessage(exception: unknown): string {
  if (exception instanceof HttpException) {
    const body = exception.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string' && message) return message;
  }
  return exception instanceof Error && exception.message ? exception.message : 'Bad request';
}
