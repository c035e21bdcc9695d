import { BadRequestException } from '@nestjs/common';

/** A calendar quarter in UTC: `2026-Q4` runs from 1 October 2026 up to (not including) 1 January 2027. */
export interface Quarter {
  /** As written: `2026-Q4`. */
  name: string;
  /** The first instant of the quarter. */
  start: Date;
  /** The first instant after the quarter. */
  next: Date;
}

export const QUARTER_PATTERN = /^\d{4}-Q[1-4]$/;

export function quarterOf(at: Date): Quarter {
  return quarterFrom(at.getUTCFullYear(), Math.floor(at.getUTCMonth() / 3) + 1);
}

/** The quarter a `YYYY-Qn` string names; 400 naming `quarter` when it is malformed or still to come. */
export function parseQuarter(name: string | undefined, now: Date): Quarter {
  if (name === undefined) return quarterOf(now);
  if (!QUARTER_PATTERN.test(name)) throw new BadRequestException('quarter: must look like 2026-Q4 (a year, "-Q" and 1 to 4)');
  const quarter = quarterFrom(Number(name.slice(0, 4)), Number(name.slice(6)));
  if (quarter.start > now) throw new BadRequestException(`quarter: ${name} has not started yet`);
  return quarter;
}

export function previousQuarter(quarter: Quarter): Quarter {
  return quarterOf(new Date(quarter.start.getTime() - 1));
}

/** The last calendar day of the quarter, YYYY-MM-DD. */
export function lastDay(quarter: Quarter): string {
  return new Date(quarter.next.getTime() - 86_400_000).toISOString().slice(0, 10);
}

export function firstDay(quarter: Quarter): string {
  return quarter.start.toISOString().slice(0, 10);
}

function quarterFrom(year: number, number: number): Quarter {
  const start = new Date(Date.UTC(year, (number - 1) * 3, 1));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps the year as written.
  start.setUTCFullYear(year);
  const next = new Date(start);
  next.setUTCMonth(start.getUTCMonth() + 3);
  return { name: `${String(year).padStart(4, '0')}-Q${number}`, start, next };
}
