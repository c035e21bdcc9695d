import { MAX_COMMENT_LENGTH } from './answer-form';

/** What is wrong with a submitted form, by field (`''` when it concerns the whole form). */
export type SubmissionProblem = 'unknown-field' | 'not-a-value' | 'repeated' | 'too-long' | 'empty';

export type Submission =
  | { ok: true; answers: Map<string, number>; comment: string | null }
  | { ok: false; field: string; problem: SubmissionProblem; answers: Record<string, number>; comment: string };

/** The fields of the form that are not answers. */
export const FORM_FIELDS = { csrf: 'csrf', comment: 'comment' } as const;

const VALUE = /^[1-5]$/;

/**
 * Checks an urlencoded answer form field by field: item codes of this wave only, values whole
 * numbers 1–5, a comment of at most 2,000 characters, and at least one answer or a comment.
 * A refusal names the first bad field and keeps what was valid, to show the form again.
 */
export function parseSubmission(body: Record<string, unknown>, answerable: Set<string>): Submission {
  const answers = new Map<string, number>();
  let comment = '';
  let refusal: { field: string; problem: SubmissionProblem } | undefined;
  const refuse = (field: string, problem: SubmissionProblem) => (refusal ??= { field, problem });
  for (const [field, raw] of Object.entries(body ?? {})) {
    if (field === FORM_FIELDS.csrf) continue;
    if (field !== FORM_FIELDS.comment && !answerable.has(field)) {
      refuse(field, 'unknown-field');
      continue;
    }
    if (typeof raw !== 'string') {
      refuse(field, 'repeated');
      continue;
    }
    if (field === FORM_FIELDS.comment) {
      // Browsers send a textarea's newlines as CRLF; its maxlength counts them as one.
      comment = raw.replace(/\r\n?/g, '\n').trim();
      if (comment.length > MAX_COMMENT_LENGTH) refuse(field, 'too-long');
    } else if (VALUE.test(raw)) {
      answers.set(field, Number(raw));
    } else {
      refuse(field, 'not-a-value');
    }
  }
  if (!refusal && answers.size === 0 && comment === '') refuse('', 'empty');
  if (refusal) return { ok: false, ...refusal, answers: Object.fromEntries(answers), comment: comment.slice(0, MAX_COMMENT_LENGTH) };
  return { ok: true, answers, comment: comment || null };
}

/**
 * The answers a one-click link preselects (`?understand_1=4`). Anything else in the query
 * (unknown names, bad values, tracking parameters a mail client adds) is ignored: a link never fails.
 */
export function parsePreselection(query: Record<string, unknown>, answerable: Set<string>): Record<string, number> {
  const selected: Record<string, number> = {};
  for (const [field, raw] of Object.entries(query ?? {})) {
    if (answerable.has(field) && typeof raw === 'string' && VALUE.test(raw)) selected[field] = Number(raw);
  }
  return selected;
}
