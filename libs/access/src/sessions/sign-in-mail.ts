import { escapeHtml } from '@changepulse/core';
import { SIGN_IN_LINK_MINUTES } from './session-rules';

export interface SignInMailInput {
  name: string;
  /** The one-time link. */
  url: string;
  /** Where to ask for a new link. */
  requestUrl: string;
  expiresAt: Date;
}

const timeOf = (at: Date) => `${at.toISOString().slice(11, 16)} UTC`;

/** The sign-in mail: who sends it and why, the link, its limits, and what to do if it was not you. */
export function signInMail({ name, url, requestUrl, expiresAt }: SignInMailInput): { subject: string; text: string; html: string } {
  const subject = 'Your sign-in link for the changepulse dashboard';
  const text = `Hello ${name},

you (or someone who typed your address) asked to sign in to the changepulse dashboard, where your CRM change programme follows its pulse surveys.

Sign in here:
${url}

The link works once, for ${SIGN_IN_LINK_MINUTES} minutes (until ${timeOf(expiresAt)}). Once used or expired, ask for a new one at ${requestUrl}.

If you did not ask to sign in, you can ignore this mail: without the link nobody can sign in as you, and nothing has changed.

changepulse, for your CRM change team
`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f3f5f8;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1b1f24;font-size:16px;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#fff;border:1px solid #d5dae1;border-radius:12px;padding:24px">
<p>Hello ${escapeHtml(name)},</p>
<p>you (or someone who typed your address) asked to sign in to the <strong>changepulse dashboard</strong>, where your CRM change programme follows its pulse surveys.</p>
<p style="margin:24px 0"><a href="${escapeHtml(url)}" style="display:inline-block;background:#0a56a5;color:#fff;text-decoration:none;font-weight:600;padding:12px 24px;border-radius:8px">Sign in to the dashboard</a></p>
<p style="font-size:14px;color:#4a5360;word-break:break-all">If the button does not work, copy this address into your browser: ${escapeHtml(url)}</p>
<p>The link works <strong>once</strong>, for <strong>${SIGN_IN_LINK_MINUTES} minutes</strong> (until ${timeOf(expiresAt)}). Once used or expired, <a href="${escapeHtml(requestUrl)}" style="color:#0a56a5">ask for a new one</a>.</p>
<p style="color:#4a5360">If you did not ask to sign in, you can ignore this mail: without the link nobody can sign in as you, and nothing has changed.</p>
<p style="color:#4a5360;margin-bottom:0">changepulse, for your CRM change team</p>
</div>
</body></html>
`;
  return { subject, text, html };
}
