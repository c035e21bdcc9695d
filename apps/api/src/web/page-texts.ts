import type { PageLanguage, SubmissionProblem } from '@changepulse/surveys';

/** A message naming what was wrong: `field` is the form field, `question` its number and text when it is a question. */
type ProblemText = (field: string, question?: { number: number; text: string }) => string;

/** Every word the answer pages say, per language (the questions come from the instrument). */
export interface PageTexts {
  /** Written into `<html lang>` and used to format dates. */
  dateLocale: string;
  anonymous: (minimumGroup: number) => string;
  partial: string;
  openUntil: (date: string) => string;
  questionNumber: (number: number) => string;
  commentHint: string;
  send: string;
  stopPulses: string;
  problemHeading: string;
  problems: Record<SubmissionProblem, ProblemText>;
  thanks: { title: string; body: string };
  answered: { title: string; body: string };
  closed: { title: string; body: string };
  notOpen: { title: string; body: (date: string) => string };
  notFound: { title: string; body: string };
  forbidden: { title: string; body: string };
  unsubscribe: { title: string; body: string; button: string; alreadyMuted: string };
  unsubscribed: { title: string; body: string };
  unsubscribeInvalid: (field: string) => string;
  expired: { title: string; body: string };
  error: { title: string; body: (reference: string) => string };
}

const en: PageTexts = {
  dateLocale: 'en-GB',
  anonymous: (k) =>
    `Your answers are anonymous. They are stored without your name or email address, and results are only ever shown for groups of at least ${k} people.`,
  partial: 'Skip any question you prefer not to answer: partial answers are welcome and count.',
  openUntil: (date) => `Open until ${date}.`,
  questionNumber: (n) => `Question ${n}`,
  commentHint: 'Up to 2,000 characters. Please leave out names and anything that could identify you or others.',
  send: 'Send my answers',
  stopPulses: 'Stop pulse surveys',
  problemHeading: 'Nothing was recorded yet',
  problems: {
    'unknown-field': (field) => `The form contained a field “${field}” that this survey does not ask. Please send the form from this page.`,
    'not-a-value': (field, q) => `${q ? `Question ${q.number} (${field})` : field} needs one of the five answers.`,
    repeated: (field, q) => `${q ? `Question ${q.number} (${field})` : field} was sent more than once. Please choose one answer.`,
    'too-long': () => 'Your comment is longer than 2,000 characters. Please shorten it.',
    empty: () => 'Please answer at least one question, or write a comment, before sending.',
  },
  thanks: { title: 'Thank you!', body: 'Your answers have been recorded anonymously. You can close this page now.' },
  answered: {
    title: 'You have already answered',
    body: 'Thank you: your answers to this survey were recorded earlier. Each invitation can be answered once, so nothing more was saved.',
  },
  closed: { title: 'This survey has closed', body: 'It no longer takes answers. Thank you if you took part.' },
  notOpen: { title: 'This survey has not opened yet', body: (date) => `It opens on ${date}. Please come back then: this link will work.` },
  notFound: {
    title: 'We could not find this survey',
    body: 'The link may be incomplete. Please open it again from your invitation email, or copy the whole address into your browser.',
  },
  forbidden: {
    title: 'Your answers could not be sent',
    body: 'The form did not come from this survey’s page, so nothing was recorded. Please open the link in your invitation again and send the form from there.',
  },
  unsubscribe: {
    title: 'Stop pulse surveys?',
    body: 'You will no longer be invited to the short, recurring pulse surveys. Larger surveys, such as the baseline survey, may still reach you.',
    button: 'Stop pulse surveys',
    alreadyMuted: 'You have already stopped pulse surveys. There is nothing more to do.',
  },
  unsubscribed: { title: 'You will get no more pulse surveys', body: 'Done. If you change your mind, ask your change team to invite you again.' },
  unsubscribeInvalid: (field) => `The request did not say “${field}=One-Click”, so nothing was changed. Please use the button on this page.`,
  expired: {
    title: 'This link has expired',
    body: 'This survey has closed, and its links no longer know who they were sent to. To stop pulse surveys, use the link in your most recent pulse email.',
  },
  error: { title: 'Something went wrong', body: (reference) => `Please try again in a moment. If it keeps happening, tell your change team this reference: ${reference}.` },
};

const de: PageTexts = {
  dateLocale: 'de-DE',
  anonymous: (k) =>
    `Ihre Antworten sind anonym. Sie werden ohne Ihren Namen und Ihre E-Mail-Adresse gespeichert, und Ergebnisse werden nur für Gruppen von mindestens ${k} Personen gezeigt.`,
  partial: 'Überspringen Sie ruhig Fragen, die Sie nicht beantworten möchten: Auch unvollständige Antworten sind willkommen und zählen.',
  openUntil: (date) => `Geöffnet bis ${date}.`,
  questionNumber: (n) => `Frage ${n}`,
  commentHint: 'Bis zu 2.000 Zeichen. Bitte nennen Sie keine Namen und nichts, woran man Sie oder andere erkennen könnte.',
  send: 'Antworten senden',
  stopPulses: 'Keine Pulsbefragungen mehr',
  problemHeading: 'Es wurde noch nichts gespeichert',
  problems: {
    'unknown-field': (field) => `Das Formular enthielt ein Feld „${field}“, das diese Befragung nicht stellt. Bitte senden Sie das Formular von dieser Seite.`,
    'not-a-value': (field, q) => `${q ? `Frage ${q.number} (${field})` : field} braucht eine der fünf Antworten.`,
    repeated: (field, q) => `${q ? `Frage ${q.number} (${field})` : field} wurde mehrfach gesendet. Bitte wählen Sie eine Antwort.`,
    'too-long': () => 'Ihr Kommentar ist länger als 2.000 Zeichen. Bitte kürzen Sie ihn.',
    empty: () => 'Bitte beantworten Sie mindestens eine Frage oder schreiben Sie einen Kommentar, bevor Sie senden.',
  },
  thanks: { title: 'Vielen Dank!', body: 'Ihre Antworten wurden anonym gespeichert. Sie können diese Seite jetzt schließen.' },
  answered: {
    title: 'Sie haben bereits geantwortet',
    body: 'Vielen Dank: Ihre Antworten auf diese Befragung wurden schon gespeichert. Jede Einladung kann einmal beantwortet werden, daher wurde nichts weiter gespeichert.',
  },
  closed: { title: 'Diese Befragung ist beendet', body: 'Sie nimmt keine Antworten mehr an. Vielen Dank, falls Sie teilgenommen haben.' },
  notOpen: { title: 'Diese Befragung hat noch nicht begonnen', body: (date) => `Sie beginnt am ${date}. Bitte kommen Sie dann wieder: Dieser Link funktioniert dann.` },
  notFound: {
    title: 'Wir haben diese Befragung nicht gefunden',
    body: 'Der Link ist vielleicht unvollständig. Bitte öffnen Sie ihn erneut aus Ihrer Einladung, oder kopieren Sie die ganze Adresse in Ihren Browser.',
  },
  forbidden: {
    title: 'Ihre Antworten konnten nicht gesendet werden',
    body: 'Das Formular kam nicht von der Seite dieser Befragung, daher wurde nichts gespeichert. Bitte öffnen Sie den Link aus Ihrer Einladung erneut und senden Sie das Formular von dort.',
  },
  unsubscribe: {
    title: 'Keine Pulsbefragungen mehr?',
    body: 'Sie werden nicht mehr zu den kurzen, regelmäßigen Pulsbefragungen eingeladen. Größere Befragungen, etwa die Ausgangsbefragung, können Sie weiterhin erreichen.',
    button: 'Pulsbefragungen abbestellen',
    alreadyMuted: 'Sie haben die Pulsbefragungen bereits abbestellt. Es ist nichts weiter zu tun.',
  },
  unsubscribed: { title: 'Sie erhalten keine Pulsbefragungen mehr', body: 'Erledigt. Falls Sie es sich anders überlegen, bitten Sie Ihr Change-Team, Sie wieder einzuladen.' },
  unsubscribeInvalid: (field) => `Die Anfrage enthielt nicht „${field}=One-Click“, daher wurde nichts geändert. Bitte verwenden Sie die Schaltfläche auf dieser Seite.`,
  expired: {
    title: 'Dieser Link ist abgelaufen',
    body: 'Diese Befragung ist beendet, und ihre Links wissen nicht mehr, an wen sie gingen. Um Pulsbefragungen abzubestellen, verwenden Sie den Link in Ihrer letzten Pulsbefragung.',
  },
  error: {
    title: 'Etwas ist schiefgegangen',
    body: (reference) => `Bitte versuchen Sie es gleich noch einmal. Wenn es wieder passiert, nennen Sie Ihrem Change-Team diese Referenz: ${reference}.`,
  },
};

export const PAGE_TEXTS: Record<PageLanguage, PageTexts> = { en, de };

// Making an Intl.DateTimeFormat costs far more than using one: one per language and timezone.
const formats = new Map<string, Intl.DateTimeFormat>();

/** A date and time as the respondent reads it, in their market's timezone. */
export function formatMoment(texts: PageTexts, at: Date, timeZone: string): string {
  const key = `${texts.dateLocale} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(texts.dateLocale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' });
    formats.set(key, format);
  }
  return format.format(at);
}
