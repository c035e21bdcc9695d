import { MAX_COMMENT_LENGTH, type AnswerForm, type FormQuestion, type FormSection, type SubmissionProblem } from '@changepulse/surveys';
import { html, SafeHtml } from './html';
import { layout } from './page-layout';
import { formatMoment, PAGE_TEXTS, type PageTexts } from './page-texts';

export interface FormProblem {
  field: string;
  problem: SubmissionProblem;
}

/** Paths of the answer pages of one token, relative to the site's root. */
export function tokenPaths(token: string): { form: string; thanks: string; unsubscribe: string } {
  const form = `/s/${encodeURIComponent(token)}`;
  return { form, thanks: `${form}/thanks`, unsubscribe: `${form}/unsubscribe` };
}

/**
 * The answer form: one fieldset per question with its five radio buttons, an optional comment,
 * the CSRF field, and plain words on anonymity. Works without JavaScript; a refused submit shows
 * the form again with the answers kept and the problem named at the top.
 */
export function answerFormPage(token: string, form: AnswerForm, minimumGroup: number, problem?: FormProblem): string {
  const texts = PAGE_TEXTS[form.language];
  const paths = tokenPaths(token);
  const numbered = form.sections.flatMap((section) => section.questions);
  const numberOf = (code: string) => numbered.findIndex((question) => question.code === code) + 1;
  const body = html`
<div class="card">
  <h1>${form.title}</h1>
  <p class="meta">${texts.openUntil(formatMoment(texts, form.closesAt, form.timezone))}</p>
  <div class="note">
    <p>${texts.anonymous(minimumGroup)}</p>
    <p>${texts.partial}</p>
  </div>
</div>
${problem ? problemBox(texts, problem, numbered, numberOf) : ''}
<form method="post" action="${paths.form}" class="card">
  <input type="hidden" name="csrf" value="${form.csrf}">
  ${questionsHtml(texts, form.sections, form.selected, problem?.field)}
  <div class="field">
    <label class="block" for="comment">${form.commentLabel}</label>
    <p class="hint" id="comment-hint">${texts.commentHint}</p>
    <textarea id="comment" name="comment" rows="5" maxlength="${MAX_COMMENT_LENGTH}" aria-describedby="comment-hint">${form.comment}</textarea>
  </div>
  <button type="submit">${texts.send}</button>
</form>
${form.kind === 'pulse' ? html`<footer><a href="${paths.unsubscribe}">${texts.stopPulses}</a></footer>` : ''}`;
  return layout({ language: form.language, title: form.title, body });
}

// A wave's questions never change (the service hands out the same section objects each time),
// so their markup is rendered once: whole, for a form with nothing chosen, and per question,
// where the chosen answer and a problem mark are set on a copy by replacing one attribute.
const renderedSections = new WeakMap<FormSection[], SafeHtml>();
const renderedQuestions = new WeakMap<FormQuestion, string>();

function questionsHtml(texts: PageTexts, sections: FormSection[], selected: Record<string, number>, invalidField: string | undefined): SafeHtml {
  const plain = Object.keys(selected).length === 0 && invalidField === undefined;
  const cached = plain ? renderedSections.get(sections) : undefined;
  if (cached) return cached;
  let number = 0;
  const markup = html`${sections.map(
    (section) => html`
  <section>
    <h2>${section.prompt}</h2>
    ${section.questions.map((question) => questionHtml(texts, question, (number += 1), selected[question.code], invalidField === question.code))}
  </section>`,
  )}`;
  if (plain) renderedSections.set(sections, markup);
  return markup;
}

function questionHtml(texts: PageTexts, question: FormQuestion, number: number, selected: number | undefined, invalid: boolean): SafeHtml {
  let markup = renderedQuestions.get(question);
  if (markup === undefined) {
    markup = questionFieldset(texts, question, number).value;
    renderedQuestions.set(question, markup);
  }
  if (selected) markup = markup.replace(` value="${selected}">`, ` value="${selected}" checked>`);
  if (invalid) markup = markup.replace(`<fieldset id="q-${question.code}">`, `<fieldset id="q-${question.code}" class="invalid">`);
  return new SafeHtml(markup);
}

function questionFieldset(texts: PageTexts, question: FormQuestion, number: number): SafeHtml {
  const id = `q-${question.code}`;
  return html`
    <fieldset id="${id}">
      <legend><span class="number">${texts.questionNumber(number)}</span>${question.text}</legend>
      <div class="choices">
        ${question.labels.map((label, index) => {
          const value = index + 1;
          return html`<label class="choice" for="${id}-${value}"><input type="radio" id="${id}-${value}" name="${question.code}" value="${value}"><span>${label}</span></label>`;
        })}
      </div>
    </fieldset>`;
}

function problemBox(texts: PageTexts, { field, problem }: FormProblem, questions: FormQuestion[], numberOf: (code: string) => number): SafeHtml {
  const question = questions.find((candidate) => candidate.code === field);
  const message = texts.problems[problem](field, question ? { number: numberOf(field), text: question.text } : undefined);
  return html`<div class="problem" role="alert" id="problem">
  <h2>${texts.problemHeading}</h2>
  <p>${message}${question ? html` <a href="#q-${field}">${texts.questionNumber(numberOf(field))}</a>` : ''}</p>
</div>`;
}
