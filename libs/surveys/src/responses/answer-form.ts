import { localized, type Instrument, type InstrumentItem, type Texts } from '../instrument/instrument.entity';

/** The languages the answer pages speak; any other locale gets English. */
export const PAGE_LANGUAGES = ['en', 'de'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/** The page language for a locale such as `de-AT`: its language when we speak it, else English. */
export function pageLanguage(locale: string | null | undefined): PageLanguage {
  const language = (locale ?? '').slice(0, 2).toLowerCase();
  return (PAGE_LANGUAGES as readonly string[]).includes(language) ? (language as PageLanguage) : 'en';
}

/** The most a comment may hold, in characters (newlines count as one). */
export const MAX_COMMENT_LENGTH = 2000;

export interface FormQuestion {
  /** The item code: the name of its radio inputs. */
  code: string;
  text: string;
  /** The five answer labels, for the values 1 to 5. */
  labels: string[];
}

/** Consecutive questions on the same scale, under the scale's prompt. */
export interface FormSection {
  prompt: string;
  questions: FormQuestion[];
}

/** Everything the answer page shows, already in the respondent's language. */
export interface AnswerForm {
  language: PageLanguage;
  title: string;
  kind: 'baseline' | 'pulse';
  sections: FormSection[];
  commentLabel: string;
  /** The hidden field that proves the POST came from our form. */
  csrf: string;
  closesAt: Date;
  timezone: string;
  /** Answers to show as chosen (from a one-click link, or a refused submit). */
  selected: Record<string, number>;
  comment: string;
}

/** An instrument with its items by code, as the answer pages need it (instruments never change). */
export interface InstrumentTexts {
  instrument: Instrument;
  items: Map<string, InstrumentItem>;
}

/** The questions of a wave, in the instrument's order, grouped by scale, in `language`. */
export function formSections(texts: InstrumentTexts, itemCodes: string[], language: PageLanguage): FormSection[] {
  const asked = itemCodes
    .map((code) => texts.items.get(code))
    .filter((item): item is InstrumentItem => item !== undefined && item.scale !== 'text')
    .sort((a, b) => a.position - b.position);
  const sections: FormSection[] = [];
  let scale: string | undefined;
  for (const item of asked) {
    const { prompt, labels } = texts.instrument.scales[item.scale as 'frequency' | 'agreement'];
    if (item.scale !== scale) sections.push({ prompt: localized(prompt, language), questions: [] });
    scale = item.scale;
    sections[sections.length - 1].questions.push({ code: item.code, text: localized(item.text, language), labels: labels[language] ?? labels.en });
  }
  return sections;
}

/** The codes a wave accepts answers for (its scaled items; the comment is a field of its own). */
export function answerableCodes(texts: InstrumentTexts, itemCodes: string[]): Set<string> {
  return new Set(itemCodes.filter((code) => texts.items.get(code)?.scale !== 'text' && texts.items.has(code)));
}

/** The comment's label: the instrument's comment item, else a plain default. */
export function commentLabel(texts: InstrumentTexts, language: PageLanguage): string {
  const item = [...texts.items.values()].find((candidate) => candidate.scale === 'text');
  const fallback: Texts = { en: 'Anything you would like to add? (optional)', de: 'Möchten Sie noch etwas ergänzen? (optional)' };
  return localized(item?.text ?? fallback, language);
}
