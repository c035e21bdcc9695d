import { SIGN_IN_LINK_MINUTES, signInPath } from '@changepulse/access';
import { html } from '../web/html';
import { BRAND, dashboardLayout, plainPage } from './dashboard-layout';

const ASK_AGAIN = html`<p><a href="/dashboard/sign-in">Ask for a new sign-in link</a></p>`;

/** The form asking for an address (GET /dashboard/sign-in); `problem` when the last try was not an address. */
export function signInFormPage(problem?: string, email = ''): string {
  return dashboardLayout(
    'Sign in',
    html`<div class="card signin">
  ${BRAND}
  <h1>Sign in to the dashboard</h1>
  <p>Enter the email address your change team registered for you. We will mail you a link that signs you in: no password needed.</p>
  ${problem ? html`<div class="problem" role="alert"><p>${problem}</p></div>` : ''}
  <form method="post" action="/dashboard/sign-in">
    <label class="block" for="email">Work email address</label>
    <input type="email" id="email" name="email" autocomplete="email" required maxlength="320" value="${email}"${problem ? html` aria-invalid="true"` : ''}>
    <button type="submit">Mail me a sign-in link</button>
  </form>
</div>`,
  );
}

/** The same answer for every address, known or not. */
export function checkInboxPage(email: string): string {
  return plainPage(
    'Check your inbox',
    `If ${email} belongs to a dashboard user, a sign-in link is on its way. It works once, for ${SIGN_IN_LINK_MINUTES} minutes.`,
    html`<p class="muted">Nothing after a few minutes? Look in your spam folder, check the address, or ask your change team to add you.</p>${ASK_AGAIN}`,
  );
}

/** The page behind the mailed link: opening it changes nothing, the button signs in (with the browser's `proof`). */
export function confirmSignInPage(token: string, proof: string, name: string, email: string, expiresAt: Date): string {
  return dashboardLayout(
    'Sign in',
    html`<div class="card signin">
  ${BRAND}
  <h1>Sign in as ${name}?</h1>
  <p>This link signs in ${email}. It works once, until ${expiresAt.toISOString().slice(11, 16)} UTC.</p>
  <form method="post" action="${signInPath(token)}">
    <input type="hidden" name="proof" value="${proof}">
    <button type="submit">Sign in</button>
  </form>
</div>`,
  );
}

export function linkUsedPage(): string {
  return plainPage(
    'This sign-in link was already used',
    'Each link signs in once. If that was you a moment ago, the dashboard is open for you; otherwise ask for a new link.',
    html`<p><a href="/dashboard">Go to the dashboard</a></p>${ASK_AGAIN}`,
  );
}

export function linkExpiredPage(): string {
  return plainPage('This sign-in link has expired', `Links work for ${SIGN_IN_LINK_MINUTES} minutes after they are sent. Please ask for a new one.`, ASK_AGAIN);
}

export function linkNotFoundPage(): string {
  return plainPage('We do not know this sign-in link', 'It may be incomplete: open it again from the mail, or copy the whole address into your browser.', ASK_AGAIN);
}

/** A press that did not come from the link's page in this browser (another site's form, or a page left open too long). */
export function notFromThisBrowserPage(): string {
  return plainPage(
    'Please open your sign-in link again',
    `The sign-in button works only in the browser that opened the link, for ${SIGN_IN_LINK_MINUTES} minutes. ` +
      'Open the link from your mail again, then press the button.',
    ASK_AGAIN,
  );
}
