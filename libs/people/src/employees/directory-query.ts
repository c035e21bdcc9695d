import type { EmployeeDto } from './employee.dto';

/** Conditions over the directory, shared by employee lists and segments. All are ANDed. */
export interface DirectoryFilter {
  markets?: string[];
  audiences?: string[];
  departments?: string[];
  /** Direct reports of this employee id. */
  manager?: string;
  /** Everyone below this employee id, at any depth (not the manager). */
  managerSubtree?: string;
  customerFacing?: boolean;
  hiredFrom?: string;
  hiredTo?: string;
  status?: 'active' | 'leaver' | 'all';
  q?: string;
}

export const DIRECTORY_FROM = `
  FROM employees e
  JOIN markets m ON m.id = e.market_id
  JOIN audience_tiers t ON t.id = e.tier_id
  LEFT JOIN employees boss ON boss.id = e.manager_id`;

export const EMPLOYEE_COLUMNS = `
  e.employee_id, e.email, e.first_name, e.last_name, m.code AS market, e.department, e.job_title,
  t.key AS audience, boss.employee_id AS manager_employee_id, e.slack_user_id,
  COALESCE(e.locale, m.locale) AS locale, COALESCE(e.timezone, m.timezone) AS timezone,
  to_char(e.hire_date, 'YYYY-MM-DD') AS hire_date, e.status, e.customer_facing`;

export const EMPLOYEE_ORDER = `ORDER BY e.last_name NULLS LAST, e.first_name NULLS LAST, e.employee_id`;

/** The WHERE clause (with its parameters, numbered from 1) for a filter. */
export function directoryWhere(filter: DirectoryFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const clauses: string[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const status = filter.status ?? 'active';
  if (status !== 'all') clauses.push(`e.status = ${param(status)}`);
  if (filter.markets?.length) clauses.push(`m.code = ANY(${param(filter.markets)})`);
  if (filter.audiences?.length) clauses.push(`t.key = ANY(${param(filter.audiences)})`);
  if (filter.departments?.length) clauses.push(`e.department = ANY(${param(filter.departments)})`);
  if (filter.manager !== undefined) clauses.push(`boss.employee_id = ${param(filter.manager)}`);
  if (filter.managerSubtree !== undefined) {
    // UNION (not UNION ALL) stops on a cycle, should one ever slip in.
    clauses.push(`e.id IN (
      WITH RECURSIVE below AS (
        SELECT c.id FROM employees c JOIN employees r ON c.manager_id = r.id WHERE r.employee_id = ${param(filter.managerSubtree)}
        UNION SELECT c.id FROM employees c JOIN below ON c.manager_id = below.id)
      SELECT id FROM below)`);
  }
  if (filter.customerFacing !== undefined) clauses.push(`e.customer_facing = ${param(filter.customerFacing)}`);
  if (filter.hiredFrom) clauses.push(`e.hire_date >= ${param(filter.hiredFrom)}::date`);
  if (filter.hiredTo) clauses.push(`e.hire_date <= ${param(filter.hiredTo)}::date`);
  if (filter.q) {
    const pattern = param(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    clauses.push(`(e.first_name ILIKE ${pattern} OR e.last_name ILIKE ${pattern} OR e.email ILIKE ${pattern}
      OR e.employee_id ILIKE ${pattern} OR concat_ws(' ', e.first_name, e.last_name) ILIKE ${pattern})`);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export interface EmployeeRow {
  employee_id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  market: string;
  department: string | null;
  job_title: string | null;
  audience: string;
  manager_employee_id: string | null;
  slack_user_id: string | null;
  locale: string;
  timezone: string;
  hire_date: string | null;
  status: EmployeeDto['status'];
  customer_facing: boolean;
}

export function toEmployeeDto(row: EmployeeRow): EmployeeDto {
  return {
    employeeId: row.employee_id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    market: row.market,
    department: row.department,
    jobTitle: row.job_title,
    audience: row.audience,
    managerId: row.manager_employee_id,
    slackUserId: row.slack_user_id,
    locale: row.locale,
    timezone: row.timezone,
    hireDate: row.hire_date,
    status: row.status,
    customerFacing: row.customer_facing,
  };
}
