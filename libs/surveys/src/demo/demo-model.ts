import { DIMENSIONS, VALUES, type LeadershipValue, type ReadinessDimension } from '../instrument/instrument.entity';
import { normal, seedOf, mulberry32, type Random } from '@changepulse/core';

export type DemoMeasure = LeadershipValue | ReadinessDimension;
/** The values and the readiness dimensions, in one order: index into a person's leanings. */
export const DEMO_MEASURES: readonly DemoMeasure[] = [...VALUES, ...DIMENSIONS];

/**
 * How the demo's people answer. Each person leans one way (a general leaning plus one per
 * value, on the logit scale); each wave sets a level per value; an answer of 4–5 is drawn
 * with the logistic of their sum. In a pilot the level rises linearly from the baseline to the
 * last pulse; elsewhere it stays put but for a little noise.
 */
export const DEMO_MODEL = {
  /** P(answer 4 or 5) at the baseline of an average market. */
  baseline: { understand: 0.4, analyze: 0.35, relate: 0.33, invent: 0.31, enable: 0.28, people: 0.38, process: 0.3, technology: 0.33 } as Record<DemoMeasure, number>,
  /** The pilot's relative rise of that level by the last closed pulse; the spread between people flattens it a little. */
  pilotLift: 0.5,
  /** Logit shifts: markets differ a little, seniority answers higher. */
  marketShift: { DE: 0, AT: 0.08, CH: -0.06 } as Record<string, number>,
  tierShift: { executive: 0.6, manager: 0.35, back_office: 0.05, telemarketer: -0.4 } as Record<string, number>,
  departmentSpread: 0.15,
  /** Standard deviations (logit) of a person's general leaning, their leaning per value, and a wave's noise. */
  personSpread: 0.75,
  measureSpread: 0.45,
  waveNoise: 0.06,
  /** Who answers: by tier; the keen a little more often (the trap leaders must see); fewer as pulses go on. */
  responseRate: {
    baseline: { executive: 0.92, manager: 0.88, back_office: 0.79, telemarketer: 0.62 } as Record<string, number>,
    pulse: { executive: 0.85, manager: 0.82, back_office: 0.75, telemarketer: 0.56 } as Record<string, number>,
  },
  keenness: 0.07,
  fatiguePerRound: 0.004,
  /** Chance to leave an item out, and to write a comment. */
  skip: 0.02,
  comment: { baseline: 0.1, pulse: 0.02 },
  /** Share of answers of 4–5 that are 5; how answers below 4 split over 1, 2, 3. */
  topShare: 0.35,
  low: [0.15, 0.35, 0.5],
};

export type DemoModel = typeof DEMO_MODEL;

/** What stays the same for a person across waves. */
export interface DemoTraits {
  /** Logit shift per measure, in `DEMO_MEASURES` order. */
  leaning: Float64Array;
  /** Added to the response probability. */
  keenness: number;
}

/** A person's traits, from their own random stream: the same person leans the same way in every load. */
export function personTraits(model: DemoModel, seed: string, employeeId: string, tierKey: string, department: string | null): DemoTraits {
  const random = mulberry32(seedOf(seed, 'person', employeeId));
  const general = normal(random);
  const base = model.personSpread * general + (model.tierShift[tierKey] ?? 0) + spreadOf('department', department ?? '', model.departmentSpread);
  const leaning = new Float64Array(DEMO_MEASURES.length);
  for (let m = 0; m < DEMO_MEASURES.length; m++) leaning[m] = base + model.measureSpread * normal(random);
  // Keenness to answer goes with the general leaning: those on good terms answer more.
  const keenness = model.keenness * (0.6 * general + 0.8 * normal(random));
  return { leaning, keenness };
}

/** A wave's level per measure (logit, in `DEMO_MEASURES` order). `progress` is 0 at the baseline and 1 at the last closed pulse. */
export function waveLevels(model: DemoModel, market: { code: string; role: string }, progress: number, random: Random): Float64Array {
  const lift = market.role === 'pilot' ? 1 + model.pilotLift * progress : 1;
  const shift = model.marketShift[market.code] ?? spreadOf('market', market.code, 0.1);
  const levels = new Float64Array(DEMO_MEASURES.length);
  DEMO_MEASURES.forEach((measure, m) => {
    const share = Math.min(0.95, model.baseline[measure] * lift);
    levels[m] = Math.log(share / (1 - share)) + shift + model.waveNoise * normal(random);
  });
  return levels;
}

/** The chance that a person answers a wave. */
export function responseChance(model: DemoModel, kind: 'baseline' | 'pulse', tierKey: string, traits: DemoTraits, round: number): number {
  const rate = (model.responseRate[kind][tierKey] ?? 0.7) + traits.keenness - (kind === 'pulse' ? model.fatiguePerRound * round : 0);
  return Math.min(0.97, Math.max(0.05, rate));
}

/** One answer, 1–5: 4 or 5 with the logistic of `logit`. */
export function drawAnswer(model: DemoModel, random: Random, logit: number): number {
  if (random() < 1 / (1 + Math.exp(-logit))) return random() < model.topShare ? 5 : 4;
  const below = random();
  return below < model.low[0] ? 1 : below < model.low[0] + model.low[1] ? 2 : 3;
}

// A fixed offset in [-spread, spread] for a name, for markets and departments the model does not list.
function spreadOf(kind: string, name: string, spread: number): number {
  return (mulberry32(seedOf('spread', kind, name))() * 2 - 1) * spread;
}
