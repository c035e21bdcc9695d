import { IMPORT_COLUMNS, type ImportColumn } from '@changepulse/people';

export type CsvRow = Partial<Record<ImportColumn, string>>;

let sequence = 0;

/** A valid employee row in a market; override any cell. */
export function employeeRow(market: string, overrides: CsvRow = {}): CsvRow {
  sequence += 1;
  const id = `T${process.pid % 1000}-${sequence}`;
  return {
    employee_id: id,
    email: `person.${id}@example.com`.toLowerCase(),
    first_name: 'Alex',
    last_name: `Tester${sequence}`,
    market,
    department: 'Customer Service',
    job_title: 'Agent',
    audience: 'telemarketer',
    manager_id: '',
    hire_date: '2022-03-01',
    status: 'active',
    customer_facing: 'true',
    ...overrides,
  };
}

/** Rows as CSV with the given columns (default: every column), quoting where needed. */
export function toCsv(rows: CsvRow[], columns: readonly ImportColumn[] = IMPORT_COLUMNS, delimiter = ','): string {
  const cell = (value = '') => (/[",;\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [columns.join(delimiter), ...rows.map((row) => columns.map((column) => cell(row[column])).join(delimiter))].join('\n') + '\n';
}
