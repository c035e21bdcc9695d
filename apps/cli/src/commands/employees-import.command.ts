import { HttpException } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { SYSTEM_ACTOR } from '@changepulse/access';
import type { AppConfig } from '@changepulse/core';
import { EmployeeImportService, IMPORT_MODES, type ImportErrorDto, type ImportMode } from '@changepulse/people';
import { stringFlag, UsageError, type ParsedArgs } from '../args';
import { withContext } from '../cli-context';

export const IMPORT_USAGE = 'employees import FILE [--dry-run] [--mode full]';

/** Imports a CSV file like the API does; on problems prints one line each and exits 1. */
export async function employeesImportCommand(config: AppConfig, args: ParsedArgs): Promise<number> {
  const file = args.words[2];
  if (args.words[1] !== 'import' || !file) throw new UsageError(`usage: ${IMPORT_USAGE}`);
  if (!existsSync(file)) throw new UsageError(`no file ${file}`);
  const mode = (stringFlag(args, 'mode') ?? 'upsert') as ImportMode;
  if (!IMPORT_MODES.includes(mode)) throw new UsageError(`--mode must be one of ${IMPORT_MODES.join(', ')}`);
  const dryRun = args.flags['dry-run'] === true;
  try {
    const report = await withContext(config, (context) => context.get(EmployeeImportService).import(SYSTEM_ACTOR, readFileSync(file), { mode, dryRun }));
    const what = dryRun ? 'Dry run, nothing written' : 'Imported';
    process.stdout.write(`${what}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.deactivated} deactivated\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof HttpException)) throw error;
    const body = error.getResponse() as { message: string; errors?: ImportErrorDto[] };
    process.stderr.write(`${body.message}\n`);
    for (const problem of body.errors ?? []) process.stderr.write(`  ${file}:${problem.row}${problem.column ? ` [${problem.column}]` : ''}: ${problem.message}\n`);
    return 1;
  }
}
