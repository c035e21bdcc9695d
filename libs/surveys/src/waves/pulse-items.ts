import { VALUES, type InstrumentItem } from '../instrument/instrument.entity';

/**
 * The items of pulse round `round`: one per value, rotating through each value's items, so that
 * every item is asked once every (items per value) rounds and the rolling window covers them all.
 */
export function defaultPulseItems(items: InstrumentItem[], round: number): string[] {
  return VALUES.map((value) => {
    const ofValue = items.filter((item) => item.value === value);
    return ofValue[round % ofValue.length].code;
  });
}
