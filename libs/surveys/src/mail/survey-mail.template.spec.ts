import { renderSurveyMail, type SurveyMailContent } from './survey-mail.template';

const content = (overrides: Partial<SurveyMailContent> = {}): SurveyMailContent => ({
  locale: 'de-DE',
  reminder: false,
  pulse: false,
  firstName: 'Anna',
  title: 'Baseline',
  closesAt: new Date('2026-12-15T17:00:00Z'),
  timeZone: 'Europe/Berlin',
  questionCount: 22,
  anonymityMinGroup: 5,
  question: { prompt: 'How often …', text: '… did you?', labels: ['A', 'B', 'C', 'D', 'E'] },
  links: { form: 'https://x.test/s/T', answers: [1, 2, 3, 4, 5].map((value) => `https://x.test/s/T?q=${value}`), unsubscribe: null },
  ...overrides,
});

describe(renderSurveyMail.name, () => {
  it('writes German for de-* locales and English, with English dates, for any other', () => {
    expect(renderSurveyMail(content({ locale: 'de-AT' })).text).toMatch(/^Hallo Anna,/);
    const dutch = renderSurveyMail(content({ locale: 'nl-NL' }));
    expect(dutch.text).toMatch(/^Hello Anna,/);
    expect(dutch.text).toContain('The survey closes on Tuesday, 15 December 2026 at 18:00 CET.');
  });

  it('says a reminder is one, in the subject and the text', () => {
    const mail = renderSurveyMail(content({ locale: 'en-US', reminder: true }));
    expect(mail.subject).toBe('Reminder: Baseline closes on Dec 15, 2026');
    expect(mail.text).toContain('This is a reminder');
  });

  it('greets without a name when there is none, and leaves out the one-click block without a question', () => {
    const mail = renderSurveyMail(content({ locale: 'en-GB', firstName: null, question: null, links: { form: 'https://x.test/s/T', answers: [], unsubscribe: null } }));
    expect(mail.text).toMatch(/^Hello,/);
    expect(mail.text).not.toContain('one click');
    expect(mail.html).not.toContain('<ul');
  });

  it('shows the unsubscribe link only when given (pulses)', () => {
    const pulse = renderSurveyMail(content({ pulse: true, links: { ...content().links, unsubscribe: 'https://x.test/s/T/unsubscribe' } }));
    expect(pulse.text).toContain('Keine Pulsbefragungen mehr: https://x.test/s/T/unsubscribe');
    expect(pulse.html).toContain('href="https://x.test/s/T/unsubscribe"');
    expect(renderSurveyMail(content()).html).not.toContain('unsubscribe');
  });

  it('falls back to UTC for an unknown time zone', () => {
    expect(renderSurveyMail(content({ locale: 'en-GB', timeZone: 'Mars/Olympus' })).text).toContain('at 17:00 UTC');
  });
});
