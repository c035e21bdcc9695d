import type { PageLanguage } from '@changepulse/surveys';
import { html, type SafeHtml } from './html';
import { layout } from './page-layout';
import { PAGE_TEXTS, type PageTexts } from './page-texts';

/** A page with a heading, a paragraph and, optionally, more below. */
export function messagePage(language: PageLanguage, title: string, text: string, more?: SafeHtml): string {
  return layout({ language, title, body: html`<div class="card"><h1>${title}</h1><p>${text}</p>${more ?? ''}</div>` });
}

/** The page for one of the fixed messages (`thanks`, `closed`, …) in `language`. */
export function fixedPage(language: PageLanguage, key: 'thanks' | 'answered' | 'closed' | 'notFound' | 'forbidden' | 'unsubscribed' | 'expired', more?: (texts: PageTexts) => SafeHtml): string {
  const texts = PAGE_TEXTS[language];
  return messagePage(language, texts[key].title, texts[key].body, more?.(texts));
}

/** A link to stop pulses, for pages of a pulse wave. */
export function stopPulsesLink(unsubscribePath: string): (texts: PageTexts) => SafeHtml {
  return (texts) => html`<p class="meta"><a href="${unsubscribePath}">${texts.stopPulses}</a></p>`;
}

/**
 * The unsubscribe page: a button that POSTs the RFC 8058 one-click body to the same address
 * (a GET changes nothing), or a note when pulses are already stopped.
 */
export function unsubscribePage(language: PageLanguage, action: string, muted: boolean, problem?: string): string {
  const texts = PAGE_TEXTS[language];
  const body = muted
    ? html`<div class="card"><h1>${texts.unsubscribed.title}</h1><p>${texts.unsubscribe.alreadyMuted}</p></div>`
    : html`<div class="card">
  <h1>${texts.unsubscribe.title}</h1>
  ${problem ? html`<div class="problem" role="alert"><p>${problem}</p></div>` : ''}
  <p>${texts.unsubscribe.body}</p>
  <form method="post" action="${action}">
    <input type="hidden" name="List-Unsubscribe" value="One-Click">
    <button type="submit">${texts.unsubscribe.button}</button>
  </form>
</div>`;
  return layout({ language, title: muted ? texts.unsubscribed.title : texts.unsubscribe.title, body });
}
