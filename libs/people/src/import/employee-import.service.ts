import { Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { JobQueue, QUEUES, requireAccess, type Actor } from '@changepulse/core';
import { readEmployeeCsv } from './csv-reader';
import type { ImportProblem, ImportRow } from './import-columns';
import { ImportQueryDto, ImportReportDto } from './import.dto';
import { planImport, type ExistingEmployee } from './import-plan';
import { checkMarketScope, marketScope } from './market-scope';
import { eachInTurns, mapInTurns } from './event-loop-turns';
import { writeImport } from './import-writer';
import { validateRow, type EmployeeRecord, type Lookups } from './row-validator';

const MAX_REPORTED = 1000;

/**
 * The employee CSV import: all or nothing. Every row is checked, against the others and the
 * directory, before anything is written; one problem and the whole file is refused with all of
 * them listed. Imports take turns, so each plans against the state it will write onto.
 */
@Injectable()
export class EmployeeImportService {
  private readonly logger = new Logger(EmployeeImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  async import(actor: Actor, file: Buffer | string, options: ImportQueryDto): Promise<ImportReportDto> {
    // Rows outside the actor's markets are refused one by one in the report (market-scope.ts).
    requireAccess(actor, 'employee.import');
    const mode = options.mode ?? 'upsert';
    const dryRun = options.dryRun ?? false;
    const csv = await readEmployeeCsv(file);
    // A file or header problem leaves no rows to check; a broken row does not stop the others being checked.
    if (csv.problems.length && csv.rows.length === 0) refuse(csv.problems);

    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('changepulse.directory-import'))`);
      const problems: ImportProblem[] = [...csv.problems];
      const lookups = await loadLookups(manager);
      // Parsing, checking and planning turn the event loop every few hundred rows: other requests go on meanwhile.
      const records = (await mapInTurns(csv.rows, (row) => validateRow(row, lookups, problems))).filter((record): record is EmployeeRecord => record !== null);
      const directory = await loadDirectory(manager);
      const scope = marketScope(actor, lookups);
      await checkMarketScope(records, directory, scope, problems);
      const plan = await planImport(records, directory, { full: mode === 'full', refused: await refusedEmployeeIds(csv.rows, records), inScope: (person) => scope.includes(person.marketId) });
      problems.push(...plan.problems);
      if (problems.length) refuse(problems);

      const report: ImportReportDto = { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged, deactivated: plan.deactivate.length, dryRun, mode };
      if (dryRun) return report;
      await writeImport(manager, plan, csv.columns);
      const [{ id }] = await manager.query(
        `INSERT INTO directory_imports (token_id, mode, rows, created, updated, unchanged, deactivated)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [actor.tokenId === 'system' ? null : actor.tokenId, mode, csv.rows.length, report.created, report.updated, report.unchanged, report.deactivated],
      );
      await this.jobs.send(QUEUES.directoryImported, { importId: id }, manager);
      this.logger.log({ importId: id, ...report }, 'Directory imported');
      return report;
    });
  }
}

function refuse(problems: ImportProblem[]): never {
  problems.sort((a, b) => a.row - b.row);
  const noun = problems.length === 1 ? 'problem' : 'problems';
  throw new UnprocessableEntityException({
    statusCode: 422,
    message: `The file has ${problems.length} ${noun}; nothing was imported`,
    errors: problems.slice(0, MAX_REPORTED),
    errorCount: problems.length,
  });
}

// The people on rows refused for their own cells are still in the file.
async function refusedEmployeeIds(rows: ImportRow[], records: EmployeeRecord[]): Promise<Set<string>> {
  const checked = new Set<number>();
  await eachInTurns(records, (record) => checked.add(record.row));
  const refused = new Set<string>();
  await eachInTurns(rows, (row) => {
    if (!checked.has(row.row) && row.values.employee_id) refused.add(row.values.employee_id);
  });
  return refused;
}

async function loadLookups(manager: EntityManager): Promise<Lookups> {
  const markets: Array<{ id: string; code: string }> = await manager.query(`SELECT id, code FROM markets`);
  const tiers: Array<{ id: string; key: string }> = await manager.query(`SELECT id, key FROM audience_tiers ORDER BY rank`);
  return { markets: new Map(markets.map((m) => [m.code, m.id])), tiers: new Map(tiers.map((t) => [t.key, t.id])) };
}

async function loadDirectory(manager: EntityManager): Promise<Map<string, ExistingEmployee>> {
  const rows: ExistingEmployee[] = await manager.query(
    `SELECT e.id, e.employee_id AS "employeeId", e.email, e.first_name AS "firstName", e.last_name AS "lastName",
            e.market_id AS "marketId", e.department, e.job_title AS "jobTitle", e.tier_id AS "tierId",
            boss.employee_id AS "managerEmployeeId", e.slack_user_id AS "slackUserId", e.locale, e.timezone,
            to_char(e.hire_date, 'YYYY-MM-DD') AS "hireDate", e.status, e.customer_facing AS "customerFacing"
       FROM employees e LEFT JOIN employees boss ON boss.id = e.manager_id`,
  );
  const directory = new Map<string, ExistingEmployee>();
  await eachInTurns(rows, (row) => directory.set(row.employeeId, row));
  return directory;
}
