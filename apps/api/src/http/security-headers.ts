import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppConfig } from '@changepulse/core';

/**
 * Swagger UI: scripts only from files of our origin (its page has no inline script), calls to the
 * API itself, nothing from elsewhere. Styles may be inline: its page carries `<style>` blocks and
 * `style` attributes that change with the package's version, and styles cannot run code.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const isDocs = (path: string) => path === '/api/docs' || path.startsWith('/api/docs/');

/**
 * Defaults every response starts with; a handler may set its own over them (the pages their CSP,
 * the dashboard's scripts their caching). HSTS when the public address is https; no type
 * sniffing, so a JSON or CSV answer is never run as a page; never stored by a browser or proxy,
 * since answers carry people's data and figures; a CSP on the API docs.
 */
export function securityHeaders(config: AppConfig): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    // Read per request: the public address is config, and tests change it.
    if (config.publicUrl.startsWith('https://')) response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'no-store');
    if (isDocs(request.path)) response.setHeader('Content-Security-Policy', DOCS_CSP);
    next();
  };
}
