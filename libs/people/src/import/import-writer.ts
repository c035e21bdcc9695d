import type { EntityManager } from 'typeorm';
import type { ImportColumn } from './import-columns';
import type { ImportPlan, PlannedCreate } from './import-plan';
import type { EmployeeRecord } from './row-validator';

// Rows per statement. pg turns each parameter array into one text literal synchronously: at 5,000
// rows (16 arrays) that held the event loop for 40–110 ms per statement; at 1,000 for a few.
const CHUNK = 1000;

/** A writable column: its name in the file, in the table, its SQL type and how a record gives it. */
interface Field {
  column: ImportColumn | null;
  name: string;
  type: string;
  value: (record: EmployeeRecord) => unknown;
}

const FIELDS: Field[] = [
  { column: 'employee_id', name: 'employee_id', type: 'text', value: (r) => r.employeeId },
  { column: 'email', name: 'email', type: 'text', value: (r) => r.email },
  { column: 'first_name', name: 'first_name', type: 'text', value: (r) => r.firstName ?? null },
  { column: 'last_name', name: 'last_name', type: 'text', value: (r) => r.lastName ?? null },
  { column: 'market', name: 'market_id', type: 'uuid', value: (r) => r.marketId },
  { column: 'department', name: 'department', type: 'text', value: (r) => r.department ?? null },
  { column: 'job_title', name: 'job_title', type: 'text', value: (r) => r.jobTitle ?? null },
  { column: 'audience', name: 'tier_id', type: 'uuid', value: (r) => r.tierId },
  { column: 'slack_user_id', name: 'slack_user_id', type: 'text', value: (r) => r.slackUserId ?? null },
  { column: 'locale', name: 'locale', type: 'text', value: (r) => r.locale ?? null },
  { column: 'timezone', name: 'timezone', type: 'text', value: (r) => r.timezone ?? null },
  { column: 'hire_date', name: 'hire_date', type: 'date', value: (r) => r.hireDate ?? null },
  { column: 'status', name: 'status', type: 'text', value: (r) => r.status ?? 'active' },
  { column: 'customer_facing', name: 'customer_facing', type: 'boolean', value: (r) => r.customerFacing ?? false },
];

/** Writes a checked plan inside the caller's transaction, a few thousand rows per statement. */
export async function writeImport(manager: EntityManager, plan: ImportPlan, columns: ImportColumn[]): Promise<void> {
  for (const chunk of chunks(plan.creates)) await insert(manager, chunk);
  // An update touches only the columns the file has; the others keep their values.
  const present = FIELDS.filter((field) => field.column && columns.includes(field.column));
  for (const chunk of chunks(plan.updates)) await update(manager, chunk, present);
  for (const chunk of chunks(plan.managerChanges)) {
    await manager.query(
      `UPDATE employees e SET manager_id = boss.id, updated_at = now()
         FROM unnest($1::text[], $2::text[]) AS x(employee_id, manager)
         LEFT JOIN employees boss ON boss.employee_id = x.manager
        WHERE e.employee_id = x.employee_id`,
      [chunk.map(([employeeId]) => employeeId), chunk.map(([, managerId]) => managerId)],
    );
  }
  for (const chunk of chunks(plan.deactivate)) {
    await manager.query(`UPDATE employees SET status = 'leaver', updated_at = now() WHERE id = ANY($1::uuid[])`, [chunk]);
  }
}

async function insert(manager: EntityManager, creates: PlannedCreate[]): Promise<void> {
  const names = ['id', 'manager_id', ...FIELDS.map((field) => field.name)].join(', ');
  const arrays = ['uuid', 'uuid', ...FIELDS.map((field) => field.type)].map((type, index) => `$${index + 1}::${type}[]`).join(', ');
  await manager.query(`INSERT INTO employees (${names}) SELECT * FROM unnest(${arrays})`, [
    creates.map((create) => create.id),
    creates.map((create) => create.managerId),
    ...FIELDS.map((field) => creates.map((create) => field.value(create.record))),
  ]);
}

async function update(manager: EntityManager, records: EmployeeRecord[], present: Field[]): Promise<void> {
  const fields = present.filter((field) => field.name !== 'employee_id');
  const all = [FIELDS[0], ...fields];
  const arrays = all.map((field, index) => `$${index + 1}::${field.type}[]`).join(', ');
  const sets = fields.map((field) => `${field.name} = x.${field.name}`);
  await manager.query(
    `UPDATE employees e SET ${[...sets, 'updated_at = now()'].join(', ')}
       FROM unnest(${arrays}) AS x(${all.map((field) => field.name).join(', ')})
      WHERE e.employee_id = x.employee_id`,
    all.map((field) => records.map(field.value)),
  );
}

function* chunks<T>(items: T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += CHUNK) yield items.slice(start, start + CHUNK);
}
