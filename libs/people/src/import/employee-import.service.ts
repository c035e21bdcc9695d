import { Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { JobQueue, QUEUES, requireAccess, type Actor } from '@changepulse/core';
import { readEmployeeCsv } from './csv-reader';
import type { ImportProblem, ImportRow } from './import-columns';
import { ImportQueryDto, ImportReportDto } from './import.dto';
import { firstRows, planImport } from './import-plan';
import { readDirectory } from './directory-reader';
import { ShardedSet } from './sharded-map';
import { checkMarketScope, marketScope } from './market-scope';
import { eachInTurns } from './event-loop-turns';
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
      const rowCount = csv.rows.length;
      // Parsing, checking and planning turn the event loop every few hundred rows: other requests go on meanwhile.
      const { records, refused } = await checkRows(csv.rows, lookups, problems);
      csv.rows = []; // the file's rows are records now: let them go before the directory is read
      const directory = await readDirectory(manager, await firstRows(records));
      const scope = marketScope(actor, lookups);
      await checkMarketScope(records, directory, scope, problems);
      const plan = await planImport(records, directory, { full: mode === 'full', refused, inScope: (person) => scope.includes(person.marketId) });
      problems.push(...plan.problems);
      if (problems.length) refuse(problems);

      const report: ImportReportDto = { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged, deactivated: plan.deactivate.length, dryRun, mode };
      if (dryRun) return report;
      await writeImport(manager, plan, csv.columns);
      const [{ id }] = await manager.query(
        `INSERT INTO directory_imports (token_id, mode, rows, created, updated, unchanged, deactivated)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [actor.tokenId === 'system' ? null : actor.tokenId, mode, rowCount, report.created, report.updated, report.unchanged, report.deactivated],
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

// Each row checked on its own; the people on rows refused for their own cells are still in the file.
async function checkRows(rows: ImportRow[], lookups: Lookups, problems: ImportProblem[]): Promise<{ records: EmployeeRecord[]; refused: ShardedSet }> {
  const records: EmployeeRecord[] = [];
  const refused = new ShardedSet();
  await eachInTurns(rows, (row) => {
    const record = validateRow(row, lookups, problems);
    if (record) records.push(record);
    else if (row.values.employee_id) refused.add(row.values.employee_id);
  });
  return { records, refused };
}

async function loadLookups(manager: EntityManager): Promise<Lookups> {
  const markets: Array<{ id: string; code: string }> = await manager.query(`SELECT id, code FROM markets`);
  const tiers: Array<{ id: string; key: string }> = await manager.query(`SELECT id, key FROM audience_tiers ORDER BY rank`);
  return { markets: new Map(markets.map((m) => [m.code, m.id])), tiers: new Map(tiers.map((t) => [t.key, t.id])) };
}
