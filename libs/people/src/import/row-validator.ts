import { canonicalLocale, isEmail, isIsoDate, isTimeZone } from '../shared/validators';
import type { ImportColumn, ImportProblem, ImportRow } from './import-columns';

/** A row checked on its own; a column absent from the file stays `undefined` (left as it is). */
export interface EmployeeRecord {
  row: number;
  employeeId: string;
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  marketId: string;
  department?: string | null;
  jobTitle?: string | null;
  tierId: string;
  managerEmployeeId?: string | null;
  slackUserId?: string | null;
  locale?: string | null;
  timezone?: string | null;
  hireDate?: string | null;
  status?: 'active' | 'leaver';
  customerFacing?: boolean;
}

/** What a row is checked against: market codes and tier keys to their ids. */
export interface Lookups {
  markets: Map<string, string>;
  tiers: Map<string, string>;
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'x']);
const FALSE = new Set(['false', 'no', 'n', '0', '']);

/** Checks one row's cells. Every problem is reported, not only the first. */
export function validateRow(input: ImportRow, lookups: Lookups, problems: ImportProblem[]): EmployeeRecord | null {
  const { row, values } = input;
  const before = problems.length;
  const problem = (column: ImportColumn, message: string) => problems.push({ row, column, message });
  // PostgreSQL text cannot hold U+0000: refused here, so that a dry run reports what the import would.
  for (const [column, value] of Object.entries(values) as Array<[ImportColumn, string | undefined]>) {
    if (value?.includes('\u0000')) problem(column, `${column} must not contain a NUL character (\\u0000)`);
  }
  const text = (column: ImportColumn, max: number): string | null | undefined => {
    const value = values[column];
    if (value === undefined) return undefined;
    if (value.length > max) problem(column, `${column} is longer than ${max} characters`);
    return value === '' ? null : value;
  };

  const employeeId = values.employee_id ?? '';
  if (employeeId === '') problem('employee_id', 'employee_id is required');
  else if (employeeId.length > 64) problem('employee_id', 'employee_id is longer than 64 characters');

  const email = (values.email ?? '').toLowerCase();
  if (email === '') problem('email', 'email is required');
  else if (!isEmail(email)) problem('email', `email "${values.email}" is not an email address`);

  const marketCode = (values.market ?? '').toUpperCase();
  const marketId = lookups.markets.get(marketCode);
  if (marketCode === '') problem('market', 'market is required');
  else if (!marketId) problem('market', `unknown market "${values.market}"; create it first or use one of ${[...lookups.markets.keys()].join(', ') || '(none yet)'}`);

  const tierKey = (values.audience ?? '').toLowerCase();
  const tierId = lookups.tiers.get(tierKey);
  if (tierKey === '') problem('audience', 'audience is required');
  else if (!tierId) problem('audience', `unknown audience tier "${values.audience}"; use one of ${[...lookups.tiers.keys()].join(', ')}`);

  const slackUserId = text('slack_user_id', 32);
  if (slackUserId && !/^[UW][A-Z0-9]{2,}$/.test(slackUserId)) problem('slack_user_id', `slack_user_id "${slackUserId}" is not a Slack user id such as U024BE7LH`);

  let locale = text('locale', 35);
  if (locale) {
    const canonical = canonicalLocale(locale);
    if (!canonical) problem('locale', `locale "${locale}" is not a locale such as de-DE`);
    locale = canonical ?? locale;
  }

  const timezone = text('timezone', 64);
  if (timezone && !isTimeZone(timezone)) problem('timezone', `timezone "${timezone}" is not an IANA time zone such as Europe/Berlin`);

  const hireDate = text('hire_date', 10);
  if (hireDate && !isIsoDate(hireDate)) problem('hire_date', `hire_date "${hireDate}" is not a date written YYYY-MM-DD`);

  const statusText = values.status?.toLowerCase();
  if (statusText && statusText !== 'active' && statusText !== 'leaver') problem('status', `status "${values.status}" must be active or leaver`);

  const facingText = values.customer_facing?.toLowerCase();
  if (facingText !== undefined && !TRUE.has(facingText) && !FALSE.has(facingText)) {
    problem('customer_facing', `customer_facing "${values.customer_facing}" must be true or false`);
  }

  const record: EmployeeRecord = {
    row,
    employeeId,
    email,
    firstName: text('first_name', 100),
    lastName: text('last_name', 100),
    marketId: marketId!,
    department: text('department', 120),
    jobTitle: text('job_title', 200),
    tierId: tierId!,
    managerEmployeeId: text('manager_id', 64),
    slackUserId,
    locale,
    timezone,
    hireDate,
    status: statusText === undefined ? undefined : statusText === 'leaver' ? 'leaver' : 'active',
    customerFacing: facingText === undefined ? undefined : TRUE.has(facingText),
  };
  return problems.length === before ? record : null;
}
