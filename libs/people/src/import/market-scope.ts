import type { Actor } from '@changepulse/core';
import { eachInTurns } from './event-loop-turns';
import type { ImportProblem } from './import-columns';
import type { Directory } from './import-plan';
import type { EmployeeRecord, Lookups } from './row-validator';

/** The ids of the markets an actor may write people into (all of them for an unlimited token). */
export function marketScope(actor: Actor, lookups: Lookups): string[] {
  return [...lookups.markets].filter(([code]) => actor.markets === null || actor.markets.includes(code)).map(([, id]) => id);
}

/** A token limited to markets may neither place people elsewhere nor take them from elsewhere. */
export async function checkMarketScope(records: EmployeeRecord[], directory: Directory, scope: string[], problems: ImportProblem[]): Promise<void> {
  const allowed = new Set(scope);
  await eachInTurns(records, (record) => {
    if (!allowed.has(record.marketId)) {
      problems.push({ row: record.row, column: 'market', message: 'your token is limited to other markets than this one' });
      return;
    }
    const current = directory.get(record.employeeId);
    if (current && !allowed.has(current.marketId)) {
      problems.push({ row: record.row, column: 'employee_id', message: `employee ${record.employeeId} belongs to a market outside your token's markets` });
    }
  });
}
