import { mulberry32 } from '@changepulse/core';
import { IMPORT_COLUMNS } from '../import/import-columns';
import type { CreateMarketDto } from '../markets/market.dto';

/** The demo's markets: one pilot and the two controls it is compared with. */
export const DEMO_MARKETS: CreateMarketDto[] = [
  { code: 'AT', name: 'Austria', timezone: 'Europe/Vienna', locale: 'de-AT', role: 'control' },
  { code: 'CH', name: 'Switzerland', timezone: 'Europe/Zurich', locale: 'de-CH', role: 'control' },
  { code: 'DE', name: 'Germany', timezone: 'Europe/Berlin', locale: 'de-DE', role: 'pilot', controls: ['AT', 'CH'] },
];

interface Department {
  name: string;
  tier: 'telemarketer' | 'back_office';
  title: string;
  customerFacing: boolean;
  /** Staff (without managers) in the pilot; the controls have half. */
  staff: number;
  /** Which executive the head of the department reports to, by market size. */
  reportsTo: { large: number; small: number };
}

const DEPARTMENTS: Department[] = [
  { name: 'Customer Service', tier: 'telemarketer', title: 'Customer service agent', customerFacing: true, staff: 300, reportsTo: { large: 2, small: 1 } },
  { name: 'Telesales', tier: 'telemarketer', title: 'Telesales agent', customerFacing: true, staff: 200, reportsTo: { large: 1, small: 1 } },
  { name: 'Field Sales', tier: 'back_office', title: 'Account manager', customerFacing: true, staff: 100, reportsTo: { large: 1, small: 1 } },
  { name: 'Marketing', tier: 'back_office', title: 'Marketing specialist', customerFacing: false, staff: 45, reportsTo: { large: 1, small: 1 } },
  { name: 'Operations', tier: 'back_office', title: 'Operations specialist', customerFacing: false, staff: 100, reportsTo: { large: 2, small: 0 } },
  { name: 'Finance', tier: 'back_office', title: 'Accountant', customerFacing: false, staff: 55, reportsTo: { large: 3, small: 0 } },
  { name: 'IT', tier: 'back_office', title: 'IT specialist', customerFacing: false, staff: 50, reportsTo: { large: 3, small: 0 } },
  { name: 'HR', tier: 'back_office', title: 'HR business partner', customerFacing: false, staff: 25, reportsTo: { large: 3, small: 0 } },
];

const EXECUTIVES = {
  large: ['Managing director', 'Chief sales officer', 'Director customer service', 'Chief financial officer'],
  small: ['Country manager', 'Commercial director'],
};

// Names as they come up in each country, with the mix of origins a large employer has.
const NAMES: Record<string, { first: string[]; last: string[]; english: number }> = {
  DE: {
    first: 'Anna Lena Laura Julia Sarah Lisa Katharina Sophie Marie Hannah Lea Johanna Sabine Petra Claudia Nicole Andrea Stefanie Melanie Jana Elif Zeynep Aleksandra Natalia Maximilian Alexander Paul Lukas Jonas Felix Leon Tobias Michael Thomas Andreas Stefan Christian Markus Daniel Jan Tim Florian Sebastian Matthias Murat Emre Mehmet Piotr Marco Dimitri Ben Niklas Moritz Kevin Dennis Sven Jörg Uwe Frank Grace'.split(' '),
    last: 'Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Schmitz Krause Meier Lehmann Schulze Maier Köhler Herrmann König Walter Mayer Kaiser Fuchs Peters Scholz Möller Weiß Jung Hahn Yilmaz Kaya Demir Öztürk Kowalski Nowak Rossi Popović Ivanova Schubert Vogel Okafor Nguyen'.split(' '),
    english: 0.06,
  },
  AT: {
    first: 'Anna Katharina Lena Sophie Johanna Magdalena Theresa Elisabeth Barbara Monika Christina Verena Sandra Birgit Martina Eva Sarah Hannah Marlene Valentina Jelena Ivana Lukas Tobias David Florian Fabian Manuel Dominik Patrick Christoph Stefan Thomas Wolfgang Gerhard Markus Bernhard Andreas Martin Alexander Jakob Maximilian Simon Elias Leon Felix Johannes Georg Harald Mario Dragan Milan Emir Kerem'.split(' '),
    last: 'Gruber Huber Bauer Wagner Müller Pichler Steiner Moser Mayer Hofer Leitner Berger Fuchs Eder Fischer Schmid Winkler Weber Schwarz Maier Schneider Reiter Mayr Schmidt Wimmer Egger Brunner Lang Baumgartner Auer Binder Lechner Wolf Wallner Aigner Ebner Koller Lehner Haas Schuster Holzer Wieser Stadler Horvath Novak Kovačević Jovanović Yıldız Petrović Nagy'.split(' '),
    english: 0.04,
  },
  CH: {
    first: 'Luca Noah Leon Liam Gabriel David Samuel Elias Nico Jonas Marco Daniel Thomas Martin Peter Urs Reto Beat Stefan Lukas Simon Matteo Julien Nicolas Mia Emma Lara Lea Anna Laura Sara Nina Elena Chiara Alessia Giulia Céline Chloé Léa Sandra Monika Barbara Ursula Corinne Nadine Andrea Jasmin Fatima Arben Dragana'.split(' '),
    last: 'Müller Meier Schmid Keller Weber Huber Schneider Meyer Steiner Fischer Gerber Brunner Baumann Frei Zimmermann Moser Widmer Wyss Graf Roth Suter Baumgartner Bachmann Studer Berger Kunz Lüthi Marti Bühler Kaufmann Hofer Egli Sutter Frey Zürcher Rossi Bianchi Ferrari Favre Dubois Rochat Berisha Krasniqi Pereira Schürch Gasser Arnold Ammann Hug'.split(' '),
    english: 0.05,
  },
};

const DAY = 24 * 60 * 60 * 1000;
const SEED = 0x5eed_de40;

/**
 * The demo directory as the import CSV: per market a few executives, a head per department,
 * team leads (and, in large departments, section managers over them) heading teams of 6–12,
 * back-office and telemarketer staff. About 1,000 people in the pilot and 500 in each control.
 * Deterministic: the same people every time; hire dates count back from `today`, so that tenure
 * bands look the same whenever the demo is loaded.
 */
export function demoDirectoryCsv(today: Date = new Date()): string {
  const random = mulberry32(SEED);
  const lines = [IMPORT_COLUMNS.join(',')];
  const emails = new Set<string>();
  for (const market of DEMO_MARKETS) {
    const large = market.code === 'DE';
    const names = NAMES[market.code];
    let serial = 0;
    const person = (tier: string, department: string, title: string, manager: string, customerFacing: boolean): string => {
      const id = `${market.code}-${String(++serial).padStart(5, '0')}`;
      const first = pick(random, names.first);
      const last = pick(random, names.last);
      const email = uniqueEmail(emails, first, last);
      const locale = random() < names.english ? 'en-GB' : '';
      const hire = hireDate(random, tier, today);
      lines.push([id, email, first, last, market.code, department, title, tier, manager, '', locale, '', hire, 'active', String(customerFacing)].join(','));
      return id;
    };
    const titles = large ? EXECUTIVES.large : EXECUTIVES.small;
    const chief = person('executive', 'Management', titles[0], '', false);
    const executives = [chief, ...titles.slice(1).map((title) => person('executive', 'Management', title, chief, false))];
    for (const department of DEPARTMENTS) {
      const boss = executives[large ? department.reportsTo.large : department.reportsTo.small];
      const head = person('manager', department.name, `Head of ${department.name}`, boss, department.customerFacing);
      const staff = large ? department.staff : Math.round(department.staff / 2);
      const teams = teamSizes(random, staff);
      // A head leads at most about eight team leads; beyond that, section managers sit between.
      const sections = teams.length > 8 ? Math.ceil(teams.length / 7) : 0;
      const sectionLeads = Array.from({ length: sections }, (_, s) => person('manager', department.name, `Section manager ${department.name} ${s + 1}`, head, department.customerFacing));
      teams.forEach((size, t) => {
        const leadsTo = sections ? sectionLeads[t % sections] : head;
        const lead = teams.length === 1 ? head : person('manager', department.name, `Team lead ${department.name}`, leadsTo, department.customerFacing);
        for (let i = 0; i < size; i++) person(department.tier, department.name, department.title, lead, department.customerFacing);
      });
    }
  }
  return lines.join('\n') + '\n';
}

/** Splits `staff` into teams of 6–12 people, about 9 on average. */
function teamSizes(random: () => number, staff: number): number[] {
  if (staff <= 12) return [staff];
  const count = Math.max(Math.ceil(staff / 12), Math.round(staff / 9));
  const sizes = Array.from({ length: count }, () => 6);
  for (let left = staff - 6 * count; left > 0; ) {
    const team = Math.floor(random() * count);
    if (sizes[team] < 12) {
      sizes[team]++;
      left--;
    }
  }
  return sizes;
}

// Telemarketers come and go; executives have been there longest. Nobody joined after the baseline.
function hireDate(random: () => number, tier: string, today: Date): string {
  const [minimum, mean] = tier === 'telemarketer' ? [120, 700] : tier === 'back_office' ? [120, 2000] : tier === 'manager' ? [365, 2500] : [730, 3000];
  const days = Math.min(minimum - Math.log(1 - random()) * mean, 35 * 365);
  return new Date(today.getTime() - Math.round(days) * DAY).toISOString().slice(0, 10);
}

function uniqueEmail(taken: Set<string>, first: string, last: string): string {
  const base = `${ascii(first)}.${ascii(last)}`;
  let email = `${base}@example.com`;
  for (let n = 2; taken.has(email); n++) email = `${base}${n}@example.com`;
  taken.add(email);
  return email;
}

function ascii(name: string): string {
  const german = name.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').replace(/ı/g, 'i');
  return german.normalize('NFD').replace(/[^a-z]/g, '');
}

function pick<T>(random: () => number, list: T[]): T {
  return list[Math.floor(random() * list.length)];
}
