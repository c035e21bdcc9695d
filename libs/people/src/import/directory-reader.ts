import type { EntityManager } from 'typeorm';
import { eachInTurns } from './event-loop-turns';
import { changesColumns, type Directory, type StoredEmployee } from './import-plan';
import type { EmployeeRecord } from './row-validator';
import { ShardedMap } from './sharded-map';

/** People fetched at a time: the driver parses them as they arrive, the loop turns between batches. */
const BATCH = 1000;

/**
 * Reads the directory for an import, inside its transaction (one snapshot, through a cursor), a
 * batch at a time. Each person is compared with the file's row at once and kept only as the
 * checks need them (ExistingEmployee): holding 100,000 people in full (~1 KB each) made the
 * garbage collector stop the event loop for 40–80 ms at a time while they were read.
 */
export async function readDirectory(manager: EntityManager, firstRows: ShardedMap<EmployeeRecord>): Promise<Directory> {
  // A cursor is planned for its first rows by default (a nested loop); this one is read to the end.
  await manager.query(`SET LOCAL cursor_tuple_fraction = 1`);
  await manager.query(
    `DECLARE import_directory NO SCROLL CURSOR FOR
     SELECT e.id, e.employee_id AS "employeeId", e.email, e.first_name AS "firstName", e.last_name AS "lastName",
            e.market_id AS "marketId", e.department, e.job_title AS "jobTitle", e.tier_id AS "tierId",
            boss.employee_id AS "managerEmployeeId", e.slack_user_id AS "slackUserId", e.locale, e.timezone,
            to_char(e.hire_date, 'YYYY-MM-DD') AS "hireDate", e.status, e.customer_facing AS "customerFacing"
       FROM employees e LEFT JOIN employees boss ON boss.id = e.manager_id`,
  );
  const directory: Directory = new ShardedMap();
  // A handful of markets: one string each instead of one per person.
  const markets = new Map<string, string>();
  const market = (id: string) => markets.get(id) ?? (markets.set(id, id), id);
  for (;;) {
    const batch: Array<StoredEmployee & { id: string }> = await manager.query(`FETCH ${BATCH} FROM import_directory`);
    await eachInTurns(batch, (row) => {
      const record = firstRows.get(row.employeeId);
      directory.set(row.employeeId, {
        id: row.id,
        employeeId: row.employeeId,
        email: row.email,
        marketId: market(row.marketId),
        managerEmployeeId: row.managerEmployeeId,
        status: row.status === 'leaver' ? 'leaver' : 'active',
        changed: record !== undefined && changesColumns(record, row),
      });
    });
    if (batch.length < BATCH) break;
  }
  await manager.query(`CLOSE import_directory`);
  return directory;
}
