/** The languages survey mails are written in; English is the fallback. */
export type MailLanguage = 'en' | 'de';

/** The words of a survey mail in one language; the template puts them together. */
export interface SurveyMailTexts {
  subject(title: string): string;
  reminderSubject(title: string, closes: string): string;
  greeting(firstName: string | null): string;
  reminder: string;
  intro(pulse: boolean, questions: number, minutes: number): string;
  why(minimumGroup: number): string;
  oneClick: string;
  wholeForm(questions: number): string;
  closes(date: string): string;
  pulseFooter: string;
  unsubscribe: string;
  baselineFooter: string;
}

const questions = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export const SURVEY_MAIL_TEXTS: Record<MailLanguage, SurveyMailTexts> = {
  en: {
    subject: (title) => `${title}: your view, anonymously`,
    reminderSubject: (title, closes) => `Reminder: ${title} closes on ${closes}`,
    greeting: (firstName) => (firstName ? `Hello ${firstName},` : 'Hello,'),
    reminder: 'This is a reminder: you have not answered yet, and there is still time.',
    intro: (pulse, count, minutes) =>
      `${pulse ? 'This short pulse' : 'This survey'} asks ${questions(count, 'question', 'questions')} about CRM leadership in your daily work and takes about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
    why: (minimum) =>
      `We ask because our CRM programme is meant to change how we work with customers, and only you can tell us whether it does. Your answers are anonymous: results are only ever shown for groups of at least ${minimum} people.`,
    oneClick: 'Answer the first question with one click:',
    wholeForm: (count) => `Answer all ${questions(count, 'question', 'questions')}`,
    closes: (date) => `The survey closes on ${date}.`,
    pulseFooter: 'You receive short pulse surveys as part of the CRM programme.',
    unsubscribe: 'No more pulse surveys',
    baselineFooter: 'You receive this survey as part of the CRM programme. Please do not reply to this mail.',
  },
  de: {
    subject: (title) => `${title}: Ihre Sicht, anonym`,
    reminderSubject: (title, closes) => `Erinnerung: ${title} endet am ${closes}`,
    greeting: (firstName) => (firstName ? `Hallo ${firstName},` : 'Guten Tag,'),
    reminder: 'Eine Erinnerung: Sie haben noch nicht geantwortet, und es ist noch Zeit.',
    intro: (pulse, count, minutes) =>
      `${pulse ? 'Diese kurze Pulsbefragung' : 'Diese Umfrage'} stellt ${questions(count, 'Frage', 'Fragen')} zur CRM-Führung in Ihrem Arbeitsalltag und dauert etwa ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'}.`,
    why: (minimum) =>
      `Wir fragen, weil unser CRM-Programm verändern soll, wie wir mit Kundinnen und Kunden arbeiten – und nur Sie können uns sagen, ob das gelingt. Ihre Antworten sind anonym: Ergebnisse werden nur für Gruppen von mindestens ${minimum} Personen gezeigt.`,
    oneClick: 'Beantworten Sie die erste Frage mit einem Klick:',
    wholeForm: (count) => `Alle ${questions(count, 'Frage', 'Fragen')} beantworten`,
    closes: (date) => `Die Umfrage endet am ${date}.`,
    pulseFooter: 'Sie erhalten kurze Pulsbefragungen im Rahmen des CRM-Programms.',
    unsubscribe: 'Keine Pulsbefragungen mehr',
    baselineFooter: 'Sie erhalten diese Umfrage im Rahmen des CRM-Programms. Bitte antworten Sie nicht auf diese Mail.',
  },
};

/** German for de-*, English for everything else. */
export function mailLanguage(locale: string | null | undefined): MailLanguage {
  return (locale ?? '').slice(0, 2).toLowerCase() === 'de' ? 'de' : 'en';
}
