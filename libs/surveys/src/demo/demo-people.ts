import type { DataSource, EntityManager } from 'typeorm';
import { personTraits, type DemoModel, type DemoTraits } from './demo-model';
import type { DemoMarket } from './demo-plan';

/** A person as the generator invites them: the snapshot an invitation takes, and their traits. */
export interface DemoPerson {
  id: string;
  employeeId: string;
  tierKey: string;
  department: string | null;
  managerId: string | null;
  hireDate: string | null;
  locale: string;
  traits: DemoTraits;
}

/** The active people of a market, in a stable order (by their company id), with their traits. */
export async function loadDemoPeople(db: DataSource | EntityManager, market: DemoMarket, model: DemoModel, seed: string): Promise<DemoPerson[]> {
  const rows: Array<{ id: string; employee_id: string; tier_key: string; department: string | null; manager_id: string | null; hire_date: string | null; locale: string }> = await db.query(
    `SELECT e.id, e.employee_id, t.key AS tier_key, e.department, e.manager_id, to_char(e.hire_date, 'YYYY-MM-DD') AS hire_date,
            COALESCE(e.locale, m.locale) AS locale
       FROM employees e
       JOIN audience_tiers t ON t.id = e.tier_id
       JOIN markets m ON m.id = e.market_id
      WHERE e.market_id = $1 AND e.status = 'active'
      ORDER BY e.employee_id`,
    [market.id],
  );
  return rows.map((row) => ({
    id: row.id,
    employeeId: row.employee_id,
    tierKey: row.tier_key,
    department: row.department,
    managerId: row.manager_id,
    hireDate: row.hire_date,
    locale: row.locale,
    traits: personTraits(model, seed, row.employee_id, row.tier_key, row.department),
  }));
}

/** The tenure band of a hire date on the day a wave opens, as a launch snapshots it. */
export function tenureBand(hireDate: string | null, opensOn: string): string {
  return tenureBands(opensOn)(hireDate);
}

/** `tenureBand` for many people and one wave: the band limits worked out once. */
export function tenureBands(opensOn: string): (hireDate: string | null) => string {
  const yearsBefore = (years: number) => `${String(Number(opensOn.slice(0, 4)) - years).padStart(4, '0')}${opensOn.slice(4)}`;
  const [one, three, five] = [yearsBefore(1), yearsBefore(3), yearsBefore(5)];
  return (hireDate) => (!hireDate ? 'unknown' : hireDate > one ? '<1y' : hireDate > three ? '1-3y' : hireDate > five ? '3-5y' : '5y+');
}
