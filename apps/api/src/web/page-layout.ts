import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { html, SafeHtml } from './html';

// One stylesheet, inline; the CSP allows exactly this text by its hash, and no script at all.
// Colours: text #1b1f24 and links #0a56a5 on white (≥ 7:1); borders #6b7280 (≥ 4.5:1).
const STYLES = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f3f5f8;color:#1b1f24;font:1.0625rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:46rem;margin:0 auto;padding:1.25rem 1rem 3rem}
.card{background:#fff;border:1px solid #d5dae1;border-radius:12px;padding:1.25rem 1rem;margin:0 0 1rem}
.card>:last-child{margin-bottom:0}
@media (min-width:40rem){main{padding:2.5rem 1.5rem 4rem}.card{padding:1.75rem 2rem}}
h1{font-size:1.75rem;line-height:1.25;margin:0 0 .5rem}
h2{font-size:1.2rem;line-height:1.35;margin:0 0 1rem}
p{margin:0 0 .75rem}
a{color:#0a56a5;text-decoration-thickness:1px;text-underline-offset:2px}
a:focus-visible,button:focus-visible,textarea:focus-visible{outline:3px solid #0a56a5;outline-offset:2px}
.meta{color:#4a5360;margin:0}
.note{background:#eef5fc;border-left:4px solid #0a56a5;border-radius:6px;padding:.75rem 1rem;margin:1rem 0 0}
.note p:last-child{margin:0}
.problem{background:#fdf0f0;border:2px solid #b42318;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
.problem h2{color:#b42318;margin:0 0 .25rem;font-size:1.1rem}
.problem p{margin:0}
fieldset{border:0;margin:0;padding:1.25rem 0;min-width:0;border-top:1px solid #e3e7ec}
section>fieldset:first-of-type{border-top:0;padding-top:0}
fieldset.invalid{border-left:4px solid #b42318;padding-left:.75rem}
legend{float:left;width:100%;font-weight:600;padding:0;margin:0 0 .75rem}
legend+*{clear:both}
.number{display:block;font-weight:400;font-size:.9rem;color:#4a5360}
.choices{display:grid;gap:.5rem;grid-template-columns:1fr}
@media (min-width:40rem){.choices{grid-template-columns:repeat(5,1fr)}}
.choice{display:flex;align-items:center;gap:.75rem;min-height:3rem;padding:.5rem .75rem;border:2px solid #6b7280;border-radius:8px;background:#fff;cursor:pointer;line-height:1.25}
@media (min-width:40rem){.choice{flex-direction:column;justify-content:flex-start;gap:.4rem;text-align:center;padding:.7rem .35rem;font-size:.95rem;hyphens:auto}}
.choice input{width:1.35rem;height:1.35rem;margin:0;flex:none;accent-color:#0a56a5}
.choice:hover{border-color:#0a56a5;background:#f5f9fd}
.choice:has(input:checked){border-color:#0a56a5;background:#e3eefa;font-weight:600}
.choice:has(input:focus-visible){outline:3px solid #0a56a5;outline-offset:2px}
.field{padding-top:1.25rem;border-top:1px solid #e3e7ec}
label.block{display:block;font-weight:600;margin:0 0 .25rem}
.hint{color:#4a5360;font-size:.95rem;margin:0 0 .5rem}
textarea{display:block;width:100%;min-height:8rem;padding:.6rem .75rem;font:inherit;color:inherit;border:2px solid #6b7280;border-radius:8px;resize:vertical}
button{display:block;width:100%;min-height:3.25rem;margin:1.5rem 0 0;padding:.75rem 1.5rem;font:inherit;font-weight:600;color:#fff;background:#0a56a5;border:0;border-radius:8px;cursor:pointer}
button:hover{background:#084785}
@media (min-width:40rem){button{width:auto}}
footer{text-align:center;font-size:.95rem;margin-top:1.5rem}
`.trim();

const styleHash = (styles: string) => `'sha256-${createHash('sha256').update(styles).digest('base64')}'`;

/**
 * No frames, no outside assets; forms post only to us. Styles only by their hash: the base
 * stylesheet and `extraStyles`; scripts only from our own origin when `scripts` is set, else none.
 */
export function pageCsp(extraStyles?: string, scripts = false): string {
  return [
    "default-src 'none'",
    `style-src ${[STYLES, extraStyles].filter((styles) => styles !== undefined).map(styleHash).join(' ')}`,
    ...(scripts ? ["script-src 'self'"] : []),
    'img-src data:',
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** The answer pages' policy: the base stylesheet, no script at all. */
export const PAGE_CSP = pageCsp();

export interface PageContent {
  language: string;
  title: string;
  body: SafeHtml;
  /** A second stylesheet after the base one (the CSP must name it: `pageCsp(styles)`). */
  styles?: string;
  /** Scripts of our own origin, run after the page is parsed. */
  scripts?: string[];
}

/** A whole document around `body`, readable on a phone, in the respondent's language. */
export function layout({ language, title, body, styles, scripts = [] }: PageContent): string {
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>${new SafeHtml(STYLES)}</style>
${styles === undefined ? '' : html`<style>${new SafeHtml(styles)}</style>\n`}${scripts.map((src) => html`<script src="${src}" defer></script>\n`)}</head>
<body>
<main>
${body}
</main>
</body>
</html>
`.value;
}

// Every answer page: never cached (the pages hold a personal link), never framed, no referrer
// (the token is in the URL), the strict CSP.
const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': PAGE_CSP,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Robots-Tag': 'noindex, nofollow',
};

/** Sends a page with the headers every answer page needs (`csp` for pages with more than the base stylesheet). */
export function sendPage(response: Response, status: number, page: string, csp = PAGE_CSP): void {
  // end() with the bytes, not send(): send() would also hash every page for an ETag that no-store makes useless.
  const body = Buffer.from(page, 'utf8');
  response
    .status(status)
    .set({ ...PAGE_HEADERS, 'Content-Security-Policy': csp, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(body.length) })
    .end(body);
}

/** A 303 to another answer page (the browser GETs it), with the same headers and no body. */
export function seeOther(response: Response, path: string): void {
  response
    .status(303)
    .set({ ...PAGE_HEADERS, Location: path, 'Content-Length': '0' })
    .end();
}
