import { randomUUID } from 'node:crypto';
import { eachInTurns } from './event-loop-turns';
import type { ImportProblem } from './import-columns';
import type { EmployeeRecord } from './row-validator';
import { ShardedMap, ShardedSet } from './sharded-map';

/**
 * An employee as the directory holds it before the import: only what the checks and the plan
 * need. Their other columns are compared with the file's row while the directory is read
 * (`changed`), so 100,000 people are not held in full.
 */
export interface ExistingEmployee {
  id: string;
  employeeId: string;
  email: string;
  marketId: string;
  managerEmployeeId: string | null;
  status: 'active' | 'leaver';
  /** The file's row for this person gives another value to one of the COMPARED columns. */
  changed: boolean;
}

/** What the directory holds of a person, column by column, in the import's terms. */
export type StoredEmployee = Required<Omit<EmployeeRecord, 'row'>>;

/** Employees by employee id. */
export type Directory = ShardedMap<ExistingEmployee>;

/** A new person, with the database id given to them here so that their reports can point at it. */
export interface PlannedCreate {
  record: EmployeeRecord;
  id: string;
  managerId: string | null;
}

export interface ImportPlan {
  creates: PlannedCreate[];
  updates: EmployeeRecord[];
  /** [employee id, manager's employee id or null] for every existing person whose manager changes. */
  managerChanges: Array<[string, string | null]>;
  unchanged: number;
  /** Database ids of people missing from a full import who become leavers. */
  deactivate: string[];
  problems: ImportProblem[];
}

/** A set of employee ids (a Set or a ShardedSet). */
export interface EmployeeIds {
  has(employeeId: string): boolean;
}

export interface PlanOptions {
  /** Mark active people missing from the file as leavers. */
  full?: boolean;
  /** Employee ids of rows refused for their own cells. */
  refused?: EmployeeIds;
  /** Which people a full import may deactivate (a token limited to markets reaches only those). */
  inScope?: (person: ExistingEmployee) => boolean;
}

const COMPARED = ['email', 'firstName', 'lastName', 'marketId', 'department', 'jobTitle', 'tierId', 'slackUserId', 'locale', 'timezone', 'hireDate', 'status', 'customerFacing'] as const;

/** Whether a row of the file changes a column of a stored person (a column absent from the file changes nothing). */
export function changesColumns(record: EmployeeRecord, stored: StoredEmployee): boolean {
  return COMPARED.some((field) => record[field] !== undefined && record[field] !== stored[field]);
}

/** The first row of each employee id, by employee id (a later one is a duplicate, refused). */
export async function firstRows(records: EmployeeRecord[]): Promise<ShardedMap<EmployeeRecord>> {
  const first = new ShardedMap<EmployeeRecord>();
  await eachInTurns(records, (record) => {
    if (!first.has(record.employeeId)) first.set(record.employeeId, record);
  });
  return first;
}

/**
 * Checks the rows against each other and against the directory, then sorts them into creates,
 * updates and unchanged. Any problem means nothing will be written. Rows already refused for
 * their own cells are still in the file, only not planned, so a manager_id or an address that
 * points to them is not reported as a second, false problem. Every pass over the rows lets the
 * event loop turn every few hundred rows (a large import must not hold other requests up).
 */
export async function planImport(records: EmployeeRecord[], existing: Directory, options: PlanOptions = {}): Promise<ImportPlan> {
  const { full = false, refused = new Set<string>(), inScope = () => true } = options;
  const problems: ImportProblem[] = [];
  const inFile = new ShardedMap<EmployeeRecord>();
  const firsts: EmployeeRecord[] = []; // the first row of each employee id, in the file's order (the order cycles are found in)
  const emailRows = new ShardedMap<number>();
  await eachInTurns(records, (record) => {
    const earlier = inFile.get(record.employeeId);
    if (earlier) problems.push({ row: record.row, column: 'employee_id', message: `employee_id ${record.employeeId} is already on row ${earlier.row}` });
    else {
      inFile.set(record.employeeId, record);
      firsts.push(record);
    }
    const emailRow = emailRows.get(record.email);
    if (emailRow !== undefined) problems.push({ row: record.row, column: 'email', message: `email ${record.email} is already on row ${emailRow}` });
    else emailRows.set(record.email, record.row);
  });
  await checkEmailOwners(records, inFile, existing, refused, problems);
  await checkManagers(records, firsts, inFile, existing, refused, problems);

  const plan: ImportPlan = { creates: [], updates: [], managerChanges: [], unchanged: 0, deactivate: [], problems };
  // New people get their ids now, so one INSERT can set every manager (the foreign key is deferred).
  const newIds = new ShardedMap<string>();
  await eachInTurns(firsts, ({ employeeId }) => {
    if (!existing.has(employeeId)) newIds.set(employeeId, randomUUID());
  });
  const idOf = (employeeId: string | null | undefined) => (employeeId ? (newIds.get(employeeId) ?? existing.get(employeeId)?.id ?? null) : null);
  await eachInTurns(firsts, (record) => {
    const current = existing.get(record.employeeId);
    if (!current) {
      plan.creates.push({ record, id: newIds.get(record.employeeId)!, managerId: idOf(record.managerEmployeeId) });
      return;
    }
    const managerChanged = record.managerEmployeeId !== undefined && record.managerEmployeeId !== current.managerEmployeeId;
    if (managerChanged) plan.managerChanges.push([record.employeeId, record.managerEmployeeId!]);
    if (managerChanged || current.changed) plan.updates.push(record);
    else plan.unchanged++;
  });
  if (full) {
    await eachInTurns(existing.values(), (person) => {
      if (person.status === 'active' && !inFile.has(person.employeeId) && !refused.has(person.employeeId) && inScope(person)) plan.deactivate.push(person.id);
    });
  }
  return plan;
}

// An address may move between people inside the file, but not onto someone who keeps it.
async function checkEmailOwners(
  records: EmployeeRecord[],
  inFile: ShardedMap<EmployeeRecord>,
  existing: Directory,
  refused: EmployeeIds,
  problems: ImportProblem[],
) {
  const owners = new ShardedMap<string>();
  await eachInTurns(existing.values(), (person) => owners.set(person.email, person.employeeId));
  await eachInTurns(records, (record) => {
    const owner = owners.get(record.email);
    if (owner && owner !== record.employeeId && !inFile.has(owner) && !refused.has(owner)) {
      problems.push({ row: record.row, column: 'email', message: `email ${record.email} already belongs to employee ${owner}` });
    }
  });
}

async function checkManagers(
  records: EmployeeRecord[],
  firsts: EmployeeRecord[],
  inFile: ShardedMap<EmployeeRecord>,
  existing: Directory,
  refused: EmployeeIds,
  problems: ImportProblem[],
) {
  const managerOf = (employeeId: string): string | null => {
    const record = inFile.get(employeeId);
    if (record && record.managerEmployeeId !== undefined) return record.managerEmployeeId;
    return existing.get(employeeId)?.managerEmployeeId ?? null;
  };
  await eachInTurns(records, (record) => {
    const manager = record.managerEmployeeId;
    if (!manager) return;
    if (manager === record.employeeId) problems.push({ row: record.row, column: 'manager_id', message: `employee ${manager} cannot be their own manager` });
    else if (!inFile.has(manager) && !existing.has(manager) && !refused.has(manager)) {
      problems.push({ row: record.row, column: 'manager_id', message: `manager_id ${manager} is neither in the file nor in the directory` });
    }
  });
  // Walk up from every person in the file; a walk that comes back to a person on its own path is a cycle.
  const settled = new ShardedSet();
  await eachInTurns(firsts, ({ employeeId: start }) => {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: string | null = start;
    while (current && !settled.has(current) && !onPath.has(current)) {
      path.push(current);
      onPath.add(current);
      current = managerOf(current);
      if (current && !inFile.has(current) && !existing.has(current)) current = null;
    }
    if (current && onPath.has(current) && current !== managerOf(current)) {
      const cycle = path.slice(path.indexOf(current));
      const where = cycle.map((id) => inFile.get(id)).find((record) => record !== undefined);
      if (where) problems.push({ row: where.row, column: 'manager_id', message: `manager cycle: ${[...cycle, current].join(' → ')}` });
    }
    for (const id of path) settled.add(id);
  });
}
