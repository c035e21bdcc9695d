/** The columns of the employee CSV, in the documented order. */
export const IMPORT_COLUMNS = [
  'employee_id',
  'email',
  'first_name',
  'last_name',
  'market',
  'department',
  'job_title',
  'audience',
  'manager_id',
  'slack_user_id',
  'locale',
  'timezone',
  'hire_date',
  'status',
  'customer_facing',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: ImportColumn[] = ['employee_id', 'email', 'market', 'audience'];

/** One problem in the file. */
export interface ImportProblem {
  row: number;
  column: string | null;
  message: string;
}

/** A row as the file gives it: only the columns the header has are present. */
export interface ImportRow {
  row: number;
  values: Partial<Record<ImportColumn, string>>;
}
