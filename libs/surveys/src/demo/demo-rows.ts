import { randomUUID } from 'node:crypto';
import type { InstrumentItem } from '../instrument/instrument.entity';
import { demoComment } from './demo-comments';
import { drawAnswer, DEMO_MEASURES, responseChance, waveLevels, type DemoModel, type DemoMeasure } from './demo-model';
import { tenureBands, type DemoPerson } from './demo-people';
import { LOCAL_HOUR, type DemoWave } from './demo-plan';
import { mulberry32, seedOf, shuffle, type Random } from '@changepulse/core';

/**
 * The rows of up to `batchSize` invited people, column by column in `DEMO_TABLES` order (a few
 * arrays instead of an array per row: millions of rows stay cheap), ready for one multi-row
 * INSERT per table, or one COPY each.
 */
export interface DemoRowBatch {
  invitations: [
    id: string[],
    waveId: string[],
    employeeId: Array<string | null>,
    locale: string[],
    tierKey: string[],
    department: Array<string | null>,
    managerGroup: Array<string | null>,
    tenureBand: string[],
    createdAt: Date[],
  ];
  /** The invitations not answered (yet): answered ones have no row, as after a real submit. */
  unanswered: [invitationId: string[]];
  responses: [id: string[], waveId: string[], submittedOn: string[], marketId: string[], tierKey: string[], department: Array<string | null>, managerGroup: Array<string | null>, tenureBand: string[], comment: Array<string | null>];
  answers: [responseId: string[], itemCode: string[], value: number[]];
  /** For the fatigue cap: contacts of waves that opened in the last week. */
  contacts: [employeeId: string[], invitedAt: Date[]];
}

export interface WaveRowOptions {
  model: DemoModel;
  seed: string;
  items: InstrumentItem[];
  now: Date;
  batchSize?: number;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const FATIGUE_WINDOW = 7 * DAY;

/**
 * The invitations, responses and answers of one wave, a batch of people at a time, so that a
 * wave of any size never sits in memory whole. Responses are stored as people answer, without
 * them: a closed wave's invitations have lost their person (closing erases the link), and each
 * batch's responses come in an order of their own, not the invitations' order.
 */
export function* generateWaveRows(wave: DemoWave, people: DemoPerson[], options: WaveRowOptions): Generator<DemoRowBatch> {
  const random = mulberry32(seedOf(options.seed, 'wave', wave.market.code, wave.round));
  const draw: WaveDraw = {
    wave,
    model: options.model,
    random,
    levels: waveLevels(options.model, wave.market, wave.progress, random),
    asked: askedItems(wave, options.items),
    band: tenureBands(wave.opensOn),
    days: Array.from({ length: 15 }, (_, days) => addDays(wave.opensOn, days)),
    windowHours: (wave.closesAt.getTime() - wave.opensAt.getTime()) / HOUR,
    elapsedHours: wave.status === 'open' ? (options.now.getTime() - wave.opensAt.getTime()) / HOUR : Infinity,
    recent: options.now.getTime() - wave.opensAt.getTime() < FATIGUE_WINDOW,
  };
  const batchSize = options.batchSize ?? 2000;
  for (let start = 0; start < people.length; start += batchSize) yield batchOf(draw, people.slice(start, start + batchSize));
}

/** What every person's draw in one wave shares. */
interface WaveDraw {
  wave: DemoWave;
  model: DemoModel;
  random: Random;
  /** Logit level per measure. */
  levels: Float64Array;
  asked: AskedItem[];
  band: (hireDate: string | null) => string;
  /** The dates responses can carry, by whole days after the wave opened. */
  days: string[];
  windowHours: number;
  /** Hours since an open wave opened: later answers have not come in yet. */
  elapsedHours: number;
  recent: boolean;
}

function batchOf(draw: WaveDraw, people: DemoPerson[]): DemoRowBatch {
  const { wave, model, random } = draw;
  const batch: DemoRowBatch = {
    invitations: [[], [], [], [], [], [], [], [], []],
    unanswered: [[]],
    responses: [[], [], [], [], [], [], [], [], []],
    answers: [[], [], []],
    contacts: [[], []],
  };
  const [id, waveId, employeeId, locale, tierKey, department, managerGroup, tenureBand, createdAt] = batch.invitations;
  const respondents: Array<{ person: DemoPerson; delay: number }> = [];
  for (const person of people) {
    const delay = random() < responseChance(model, wave.kind, person.tierKey, person.traits, wave.round) ? answerDelay(random, draw.windowHours) : Infinity;
    const answered = delay < draw.elapsedHours;
    const invitationId = randomUUID();
    id.push(invitationId);
    waveId.push(wave.id);
    employeeId.push(wave.status === 'closed' ? null : person.id);
    locale.push(person.locale);
    tierKey.push(person.tierKey);
    department.push(person.department);
    managerGroup.push(person.managerId);
    tenureBand.push(draw.band(person.hireDate));
    if (!answered) batch.unanswered[0].push(invitationId);
    createdAt.push(wave.opensAt);
    if (draw.recent) {
      batch.contacts[0].push(person.id);
      batch.contacts[1].push(wave.opensAt);
    }
    if (answered) respondents.push({ person, delay });
  }
  // Responses in an order of their own, so that nothing ties them to the invitations' order.
  for (const { person, delay } of shuffle(random, respondents)) addResponse(draw, batch, person, delay);
  return batch;
}

// One person's response: an answer to each item (a few left out), now and then a comment.
function addResponse(draw: WaveDraw, batch: DemoRowBatch, person: DemoPerson, delay: number): void {
  const { wave, model, random, asked } = draw;
  const [responseId, itemCode, value] = batch.answers;
  const id = randomUUID();
  const first = value.length;
  let living = 0;
  let scored = 0;
  for (const item of asked) {
    if (random() < model.skip && (value.length > first || item !== asked[asked.length - 1])) continue;
    const answer = drawAnswer(model, random, draw.levels[item.measure] + person.traits.leaning[item.measure]);
    responseId.push(id);
    itemCode.push(item.code);
    value.push(answer);
    if (item.frequency) {
      scored++;
      if (answer >= 4) living++;
    }
  }
  const comment = random() < model.comment[wave.kind] ? demoComment(random, person.locale, scored > 0 && living / scored >= 0.5) : null;
  const [ids, waveId, submittedOn, marketId, tierKey, department, managerGroup, tenureBand, comments] = batch.responses;
  ids.push(id);
  waveId.push(wave.id);
  submittedOn.push(draw.days[Math.floor((LOCAL_HOUR + delay) / 24)]);
  marketId.push(wave.market.id);
  tierKey.push(person.tierKey);
  department.push(person.department);
  managerGroup.push(person.managerId);
  tenureBand.push(draw.band(person.hireDate));
  comments.push(comment);
}

interface AskedItem {
  code: string;
  measure: number;
  frequency: boolean;
}

// The scaled items of the wave, with the index of what they measure; the comment is a field of its own.
function askedItems(wave: DemoWave, items: InstrumentItem[]): AskedItem[] {
  const byCode = new Map(items.map((item) => [item.code, item]));
  return wave.itemCodes.flatMap((code) => {
    const item = byCode.get(code);
    const measure = item && DEMO_MEASURES.indexOf((item.value ?? item.dimension) as DemoMeasure);
    return item && measure !== undefined && measure >= 0 ? [{ code, measure, frequency: item.scale === 'frequency' }] : [];
  });
}

// Most answer within hours of the mail; the rest any time until the wave closes.
function answerDelay(random: Random, windowHours: number): number {
  const hours = random() < 0.6 ? -Math.log(1 - random()) * 5 : random() * windowHours;
  return Math.min(hours, windowHours - 0.25);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}
