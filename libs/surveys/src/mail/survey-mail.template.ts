import { escapeHtml } from '@changepulse/core';
import { mailLanguage, SURVEY_MAIL_TEXTS } from './survey-mail.texts';

/** Everything a survey mail says, already in the recipient's language where it comes from data. */
export interface SurveyMailContent {
  locale: string;
  reminder: boolean;
  pulse: boolean;
  firstName: string | null;
  title: string;
  closesAt: Date;
  timeZone: string;
  questionCount: number;
  anonymityMinGroup: number;
  /** The wave's first question with a scale; null when it has none. */
  question: { prompt: string; text: string; labels: string[] } | null;
  links: { form: string; answers: string[]; unsubscribe: string | null };
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

// About fifteen seconds a question, rounded up to whole minutes.
const minutesFor = (questions: number) => Math.max(1, Math.ceil(questions / 4));

/** The mail as a subject, a plain-text part and an HTML part saying the same. */
export function renderSurveyMail(content: SurveyMailContent): RenderedMail {
  const language = mailLanguage(content.locale);
  const t = SURVEY_MAIL_TEXTS[language];
  const dateLocale = language === 'en' && !/^en\b/i.test(content.locale) ? 'en-GB' : content.locale;
  const closesLong = formatDate(content.closesAt, dateLocale, content.timeZone, true);
  const closesShort = formatDate(content.closesAt, dateLocale, content.timeZone, false);
  const paragraphs = [
    ...(content.reminder ? [t.reminder] : []),
    t.intro(content.pulse, content.questionCount, minutesFor(content.questionCount)),
    t.why(content.anonymityMinGroup),
  ];
  const { question, links } = content;
  const answers = question ? question.labels.map((label, index) => ({ label: `${index + 1} – ${label}`, url: links.answers[index] })) : [];
  const footer = content.pulse ? t.pulseFooter : t.baselineFooter;

  const text = [
    t.greeting(content.firstName),
    ...paragraphs,
    ...(question ? [`${t.oneClick}\n${question.prompt}\n${question.text}\n\n${answers.map((a) => `  ${a.label}: ${a.url}`).join('\n')}`] : []),
    `${t.wholeForm(content.questionCount)}: ${links.form}`,
    t.closes(closesLong),
    `-- \n${footer}${links.unsubscribe ? `\n${t.unsubscribe}: ${links.unsubscribe}` : ''}`,
  ].join('\n\n');

  const html = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.title)}</title></head>
<body style="font-family:sans-serif;line-height:1.5;max-width:40em;margin:0 auto;padding:1em;color:#1a1a1a">
<p>${escapeHtml(t.greeting(content.firstName))}</p>
${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
${question ? questionHtml(t.oneClick, question, answers) : ''}
<p><a href="${escapeHtml(links.form)}" style="display:inline-block;padding:.6em 1.2em;background:#0b5cad;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(t.wholeForm(content.questionCount))}</a></p>
<p>${escapeHtml(t.closes(closesLong))}</p>
<hr style="border:none;border-top:1px solid #ccc">
<p style="font-size:.85em;color:#555">${escapeHtml(footer)}${links.unsubscribe ? ` <a href="${escapeHtml(links.unsubscribe)}" style="color:#555">${escapeHtml(t.unsubscribe)}</a>` : ''}</p>
</body></html>
`;
  const subject = content.reminder ? t.reminderSubject(content.title, closesShort) : t.subject(content.title);
  return { subject, text, html };
}

function questionHtml(lead: string, question: { prompt: string; text: string }, answers: Array<{ label: string; url: string }>): string {
  const items = answers.map((answer) => `<li style="margin:.3em 0"><a href="${escapeHtml(answer.url)}">${escapeHtml(answer.label)}</a></li>`).join('\n');
  return `<p>${escapeHtml(lead)}</p>
<p><strong>${escapeHtml(question.prompt)}<br>${escapeHtml(question.text)}</strong></p>
<ul style="list-style:none;padding-left:0">
${items}
</ul>`;
}


const formats = new Map<string, Intl.DateTimeFormat>();
const formatted = new Map<string, string>();
const LONG: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
const SHORT: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };

// A batch's mails share a few dates, zones and locales: formatters and results are kept
// (the results only up to a bound). An unknown zone or locale falls back to English and UTC.
function formatDate(date: Date, locale: string, timeZone: string, long: boolean): string {
  const key = `${locale}|${timeZone}|${long}`;
  const resultKey = `${key}|${date.getTime()}`;
  const known = formatted.get(resultKey);
  if (known) return known;
  let format = formats.get(key);
  if (!format) {
    const options = long ? LONG : SHORT;
    try {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' });
    }
    formats.set(key, format);
  }
  if (formatted.size >= 1000) formatted.clear();
  const text = format.format(date);
  formatted.set(resultKey, text);
  return text;
}
