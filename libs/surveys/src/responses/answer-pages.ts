import type { WaveKind } from '../waves/wave.entity';
import type { AnswerForm, PageLanguage } from './answer-form';
import type { SubmissionProblem } from './submission';

/** Why an invitation cannot take answers now, with what the page needs to say so. */
export type Refusal =
  | { state: 'not-found' }
  | { state: 'closed'; language: PageLanguage }
  | { state: 'not-open'; language: PageLanguage; opensAt: Date; timezone: string }
  | { state: 'answered'; language: PageLanguage; kind: WaveKind };

/** What `GET /s/:token` shows. */
export type FormPage = { state: 'form'; form: AnswerForm } | Refusal;

/** What became of `POST /s/:token`. */
export type SubmitOutcome =
  | { state: 'recorded' }
  | { state: 'forbidden'; language: PageLanguage }
  | { state: 'invalid'; field: string; problem: SubmissionProblem; form: AnswerForm }
  | Refusal;

/** What the thank-you address shows: thanks once answered, else the form's own state. */
export type ThanksPage = { state: 'thanks'; language: PageLanguage; kind: WaveKind } | { state: 'not-answered' } | { state: 'not-found' };

/** The pulse unsubscribe pages. */
export type UnsubscribePage =
  | { state: 'confirm'; language: PageLanguage; muted: boolean }
  | { state: 'unsubscribed'; language: PageLanguage }
  | { state: 'invalid'; language: PageLanguage; field: string }
  /** The wave closed and the link to the person is erased: nobody to mute. */
  | { state: 'expired'; language: PageLanguage }
  | { state: 'not-found' };
