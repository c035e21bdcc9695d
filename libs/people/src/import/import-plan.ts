import { randomUUID } from 'node:crypto';
import { eachInTurns } from './event-loop-turns';
import type { ImportProblem } from './import-columns';
import type { EmployeeRecord } from './row-validator';

/** An employee as the directory holds it before the import, in the import's terms. */
export interface ExistingEmployee extends Required<Omit<EmployeeRecord, 'row'>> {
  id: string;
}

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

export interface PlanOptions {
  /** Mark active people missing from the file as leavers. */
  full?: boolean;
  /** Employee ids of rows refused for their own cells. */
  refused?: ReadonlySet<string>;
  /** Which people a full import may deactivate (a token limited to markets reaches only those). */
  inScope?: (person: ExistingEmployee) => boolean;
}

const COMPARED = ['email', 'firstName', 'lastName', 'marketId', 'department', 'jobTitle', 'tierId', 'slackUserId', 'locale', 'timezone', 'hireDate', 'status', 'customerFacing'] as const;

/**
 * Checks the rows against each other and against the directory, then sorts them into creates,
 * updates and unchanged. Any problem means nothing will be written. Rows already refused for
 * their own cells are still in the file, only not planned, so a manager_id or an address that
 * points to them is not reported as a second, false problem. Every pass over the rows lets the
 * event loop turn every few hundred rows (a large import must not hold other requests up).
 */
export async function planImport(records: EmployeeRecord[], existing: Map<string, ExistingEmployee>, options: PlanOptions = {}): Promise<ImportPlan> {
  const { full = false, refused = new Set<string>(), inScope = () => true } = options;
  const problems: ImportProblem[] = [];
  const inFile = new Map<string, EmployeeRecord>();
  const emailRows = new Map<string, number>();
  await eachInTurns(records, (record) => {
    const earlier = inFile.get(record.employeeId);
    if (earlier) problems.push({ row: record.row, column: 'employee_id', message: `employee_id ${record.employeeId} is already on row ${earlier.row}` });
    else inFile.set(record.employeeId, record);
    const emailRow = emailRows.get(record.email);
    if (emailRow !== undefined) problems.push({ row: record.row, column: 'email', message: `email ${record.email} is already on row ${emailRow}` });
    else emailRows.set(record.email, record.row);
  });
  await checkEmailOwners(records, inFile, existing, refused, problems);
  await checkManagers(records, inFile, existing, refused, problems);

  const plan: ImportPlan = { creates: [], updates: [], managerChanges: [], unchanged: 0, deactivate: [], problems };
  // New people get their ids now, so one INSERT can set every manager (the foreign key is deferred).
  const newIds = new Map<string, string>();
  await eachInTurns(inFile.keys(), (employeeId) => {
    if (!existing.has(employeeId)) newIds.set(employeeId, randomUUID());
  });
  const idOf = (employeeId: string | null | undefined) => (employeeId ? (newIds.get(employeeId) ?? existing.get(employeeId)?.id ?? null) : null);
  await eachInTurns(inFile.values(), (record) => {
    const current = existing.get(record.employeeId);
    if (!current) {
      plan.creates.push({ record, id: newIds.get(record.employeeId)!, managerId: idOf(record.managerEmployeeId) });
      return;
    }
    const managerChanged = record.managerEmployeeId !== undefined && record.managerEmployeeId !== current.managerEmployeeId;
    if (managerChanged) plan.managerChanges.push([record.employeeId, record.managerEmployeeId!]);
    if (managerChanged || COMPARED.some((field) => record[field] !== undefined && record[field] !== current[field])) plan.updates.push(record);
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
async function checkEmailOwners(records: EmployeeRecord[], inFile: Map<string, EmployeeRecord>, existing: Map<string, ExistingEmployee>, refused: ReadonlySet<string>, problems: ImportProblem[]) {
  const owners = new Map<string, string>();
  await eachInTurns(existing.values(), (person) => owners.set(person.email, person.employeeId));
  await eachInTurns(records, (record) => {
    const owner = owners.get(record.email);
    if (owner && owner !== record.employeeId && !inFile.has(owner) && !refused.has(owner)) {
      problems.push({ row: record.row, column: 'email', message: `email ${record.email} already belongs to employee ${owner}` });
    }
  });
}

async function checkManagers(records: EmployeeRecord[], inFile: Map<string, EmployeeRecord>, existing: Map<string, ExistingEmployee>, refused: ReadonlySet<string>, problems: ImportProblem[]) {
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
  const settled = new Set<string>();
  await eachInTurns(inFile.keys(), (start) => {
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
