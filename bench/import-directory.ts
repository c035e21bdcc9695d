import { randomUUID } from 'node:crypto';
import { IMPORT_COLUMNS, type ImportColumn } from '@changepulse/people';

/** The markets the benchmark creates through the API first. */
export const BENCH_MARKETS = [
  { code: 'DE', name: 'Germany', timezone: 'Europe/Berlin', locale: 'de-DE', role: 'pilot', share: 0.4 },
  { code: 'AT', name: 'Austria', timezone: 'Europe/Vienna', locale: 'de-AT', role: 'control', share: 0.15 },
  { code: 'CH', name: 'Switzerland', timezone: 'Europe/Zurich', locale: 'de-CH', role: 'control', share: 0.15 },
  { code: 'NL', name: 'Netherlands', timezone: 'Europe/Amsterdam', locale: 'nl-NL', role: 'other', share: 0.3 },
] as const;
type Market = (typeof BENCH_MARKETS)[number];

type Tier = 'executive' | 'manager' | 'back_office' | 'telemarketer';

/** One generated person, with a database id chosen up front so that COPY can link managers. */
export interface Person {
  id: string;
  employeeId: string;
  email: string;
  firstName: string;
  lastName: string;
  market: Market;
  department: string;
  jobTitle: string;
  tier: Tier;
  manager: Person | null;
  slackUserId: string;
  locale: string;
  hireDate: string;
  status: 'active' | 'leaver';
  customerFacing: boolean;
}

const FIRST_NAMES = ['Anna', 'Jürgen', 'Lena', 'Mehmet', 'Sophie', 'Lukas', 'Zoë', 'Noah', 'Emma', 'Finn', 'Mia', 'Jan', 'Hannah', 'Levi', 'Sanne', 'Daan', 'Elif', 'Luca', 'Chiara', 'Björn', 'Fatima', 'Oskar', 'Ines', 'Mateo'];
const LAST_NAMES = ['Müller', 'Schmidt', 'de Vries', 'Jansen', 'Huber', 'Gruber', 'Meier', 'Keller', 'Yılmaz', 'Schäfer', "O'Neill", 'Bakker', 'Visser', 'Wagner', 'Becker', 'Hoffmann', 'Brunner', 'Steiner', 'van Dijk', 'Smit', 'Kaya', 'Rossi', 'Fischer', 'Weber'];
const FRONT_DEPARTMENTS = ['Sales', 'Customer Service', 'Retention', 'Inbound Support'];
const BACK_DEPARTMENTS = ['Finance', 'HR', 'IT', 'Quality', 'Workforce Management', 'Operations'];
const TITLES: Record<Tier, string[]> = {
  executive: ['Managing Director', 'Chief Operating Officer', 'Head of Sales, Region', 'Director "Customer Care"'],
  manager: ['Team Lead', 'Senior Manager', 'Operations Manager', 'Site Manager'],
  back_office: ['Analyst', 'Specialist', 'Coordinator', 'Workforce Planner', 'Recruiter'],
  telemarketer: ['Agent', 'Senior Agent', 'Sales Agent', 'Retention Agent', 'Trainee Agent'],
};

/** A small seeded generator (mulberry32) so that every run imports the same directory. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` people in four markets and all four tiers: one group CEO, a few executives per market,
 * senior managers under them, team leads under those, back office and telemarketers at the bottom.
 * Shuffled, so that a manager's row comes before some of their reports and after others.
 */
export function generateDirectory(count: number, seed = 42): Person[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  let sequence = 0;
  const person = (market: Market, tier: Tier, manager: Person | null, department: string, facing: number): Person => {
    sequence += 1;
    const firstName = pick(FIRST_NAMES);
    const lastName = pick(LAST_NAMES);
    const employeeId = `E${String(sequence).padStart(7, '0')}`;
    const day = Math.floor(random() * 7600); // hired between 2005 and late 2025
    return {
      id: randomUUID(),
      employeeId,
      email: `${ascii(firstName)}.${ascii(lastName)}.${sequence}@example.com`,
      firstName,
      lastName,
      market,
      department,
      jobTitle: pick(TITLES[tier]),
      tier,
      manager,
      slackUserId: random() < 0.85 ? `${random() < 0.1 ? 'W' : 'U'}${(0x100000 + sequence).toString(36).toUpperCase()}` : '',
      locale: random() < 0.05 ? 'en-GB' : market.locale,
      hireDate: new Date(Date.UTC(2005, 0, 1) + day * 86_400_000).toISOString().slice(0, 10),
      status: random() < 0.02 ? 'leaver' : 'active',
      customerFacing: random() < facing,
    };
  };

  const people: Person[] = [];
  let ceo: Person | null = null;
  BENCH_MARKETS.forEach((market, index) => {
    const size = index === BENCH_MARKETS.length - 1 ? count - people.length : Math.round(count * market.share);
    const head: Person = person(market, 'executive', ceo, 'Leadership', 0);
    ceo ??= head;
    people.push(head, ...marketTree(size - 1, head, person, pick));
  });
  for (let index = people.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [people[index], people[other]] = [people[other], people[index]];
  }
  return people;
}

type MakePerson = (market: Market, tier: Tier, manager: Person | null, department: string, facing: number) => Person;

function marketTree(size: number, head: Person, person: MakePerson, pick: <T>(items: readonly T[]) => T): Person[] {
  const market = head.market;
  const executives = Array.from({ length: Math.max(2, Math.round(size * 0.004)) }, () => person(market, 'executive', head, 'Leadership', 0));
  const leaders = [head, ...executives];
  const seniors = Array.from({ length: Math.max(2, Math.round(size * 0.01)) }, () => person(market, 'manager', pick(leaders), pick(FRONT_DEPARTMENTS), 0.1));
  const leads = Array.from({ length: Math.max(4, Math.round(size * 0.06)) }, () => {
    const boss = pick(seniors);
    return person(market, 'manager', boss, boss.department, 0.4);
  });
  const backOffice = Array.from({ length: Math.round(size * 0.2) }, () => person(market, 'back_office', pick([...seniors, ...executives]), pick(BACK_DEPARTMENTS), 0.05));
  const taken = executives.length + seniors.length + leads.length + backOffice.length;
  const agents = Array.from({ length: size - taken }, () => {
    const lead = pick(leads);
    return person(market, 'telemarketer', lead, lead.department, 0.97);
  });
  return [...executives, ...seniors, ...leads, ...backOffice, ...agents];
}

function ascii(name: string): string {
  return name.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
}

function cell(value: string): string {
  return /[",;\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The import file: a header row with all 15 columns, then one line per person. */
export function directoryCsv(people: Person[]): Buffer {
  const values: Record<ImportColumn, (p: Person) => string> = {
    employee_id: (p) => p.employeeId,
    email: (p) => p.email,
    first_name: (p) => p.firstName,
    last_name: (p) => p.lastName,
    market: (p) => p.market.code,
    department: (p) => p.department,
    job_title: (p) => p.jobTitle,
    audience: (p) => p.tier,
    manager_id: (p) => p.manager?.employeeId ?? '',
    slack_user_id: (p) => p.slackUserId,
    locale: (p) => p.locale,
    timezone: (p) => p.market.timezone,
    hire_date: (p) => p.hireDate,
    status: (p) => p.status,
    customer_facing: (p) => String(p.customerFacing),
  };
  const lines = people.map((p) => IMPORT_COLUMNS.map((column) => cell(values[column](p))).join(','));
  return Buffer.from([IMPORT_COLUMNS.join(','), ...lines].join('\n') + '\n', 'utf8');
}

/** The employees table's columns that COPY fills, in the order of `copyLines`. */
export const COPY_COLUMNS = ['id', 'employee_id', 'email', 'first_name', 'last_name', 'market_id', 'department', 'job_title', 'tier_id', 'manager_id', 'slack_user_id', 'locale', 'timezone', 'hire_date', 'status', 'customer_facing'];

/** The same people as COPY ... (FORMAT csv) input, ids resolved; an empty unquoted cell is NULL. */
export function copyChunks(people: Person[], marketIds: Map<string, string>, tierIds: Map<string, string>, size = 5000): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < people.length; start += size) {
    const lines = people.slice(start, start + size).map((p) =>
      [
        p.id, p.employeeId, p.email, cell(p.firstName), cell(p.lastName), marketIds.get(p.market.code)!, cell(p.department), cell(p.jobTitle),
        tierIds.get(p.tier)!, p.manager?.id ?? '', p.slackUserId, p.locale, p.market.timezone, p.hireDate, p.status, String(p.customerFacing),
      ].join(','),
    );
    chunks.push(lines.join('\n') + '\n');
  }
  return chunks;
}
