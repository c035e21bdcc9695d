import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { InstrumentItem } from '../instrument/instrument.entity';
import { roundItems } from '../pulses/pulse-schedule';

/** A market the demo fills, as the database has it. */
export interface DemoMarket {
  id: string;
  code: string;
  role: string;
  timezone: string;
  locale: string;
}

/** The weekly pulse programme behind a market's rounds (inactive: the demo sends no mail). */
export interface DemoProgramme {
  id: string;
  marketId: string;
  name: string;
  rrule: string;
  startsOn: string;
}

/** One wave to write, with what the answer model needs to know about it. */
export interface DemoWave {
  id: string;
  market: DemoMarket;
  kind: 'baseline' | 'pulse';
  title: string;
  itemCodes: string[];
  /** The local date it opens on (responses are dated from it). */
  opensOn: string;
  opensAt: Date;
  closesAt: Date;
  remindersAt: Date[];
  status: 'open' | 'closed';
  programmeId: string | null;
  roundDate: string | null;
  /** 0 for the first pulse; -1 for the baseline. */
  round: number;
  /** How far a pilot has come: 0 at the baseline, 1 at the last closed pulse. */
  progress: number;
}

export interface DemoPlanOptions {
  now: Date;
  /** Closed weekly rounds before the current week. */
  pulses: number;
  /** Also this week's round, once it has opened (still open until its three days are up). */
  currentRound: boolean;
}

export interface DemoPlan {
  instrumentId: string;
  programmes: DemoProgramme[];
  waves: DemoWave[];
}

/** The local hour at which the demo's waves open. */
export const LOCAL_HOUR = 9;
const OPEN_DAYS = 3;
const ITEMS_PER_ROUND = 5;

/**
 * The waves of each market: a baseline that opened on the Monday `pulses + 1` weeks before this
 * one and ran for a week, then a pulse every Monday at 09:00 local time, open for three days,
 * asking five items that rotate as a programme's rounds do. Dates count back from `now`.
 */
export function planDemoWaves(markets: DemoMarket[], instrument: { id: string; items: InstrumentItem[] }, options: DemoPlanOptions): DemoPlan {
  const programmes: DemoProgramme[] = [];
  const waves: DemoWave[] = [];
  for (const market of markets) {
    const thisMonday = DateTime.fromJSDate(options.now, { zone: market.timezone }).startOf('week');
    const monday = (weeksBack: number) => thisMonday.minus({ weeks: weeksBack }).set({ hour: LOCAL_HOUR });
    const baselineOpens = monday(options.pulses + 1);
    const baselineCloses = baselineOpens.plus({ weeks: 1 }).minus({ hours: 1 });
    waves.push({
      ...common(market),
      kind: 'baseline',
      title: `Baseline survey ${market.code}`,
      itemCodes: instrument.items.map((item) => item.code),
      opensOn: baselineOpens.toISODate()!,
      opensAt: baselineOpens.toJSDate(),
      closesAt: baselineCloses.toJSDate(),
      remindersAt: [baselineCloses.minus({ days: 2 }).toJSDate()],
      status: 'closed',
      round: -1,
      progress: 0,
    });
    const programme: DemoProgramme = { id: randomUUID(), marketId: market.id, name: `Weekly pulse ${market.code}`, rrule: 'FREQ=WEEKLY;BYDAY=MO', startsOn: monday(options.pulses).toISODate()! };
    programmes.push(programme);
    const rounds = options.pulses + (options.currentRound ? 1 : 0);
    for (let round = 0; round < rounds; round++) {
      const opens = monday(options.pulses - round);
      const closes = opens.plus({ days: OPEN_DAYS });
      if (opens.toJSDate() > options.now) break;
      waves.push({
        ...common(market),
        kind: 'pulse',
        title: `${programme.name} ${opens.toISODate()}`,
        itemCodes: roundItems(instrument.items, round, ITEMS_PER_ROUND),
        opensOn: opens.toISODate()!,
        opensAt: opens.toJSDate(),
        closesAt: closes.toJSDate(),
        remindersAt: [],
        status: closes.toJSDate() <= options.now ? 'closed' : 'open',
        programmeId: programme.id,
        roundDate: opens.toISODate(),
        round,
        progress: (round + 1) / options.pulses,
      });
    }
  }
  return { instrumentId: instrument.id, programmes, waves };
}

function common(market: DemoMarket): Pick<DemoWave, 'id' | 'market' | 'programmeId' | 'roundDate'> {
  return { id: randomUUID(), market, programmeId: null, roundDate: null };
}
