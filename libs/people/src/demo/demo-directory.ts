import { IMPORT_COLUMNS } from '../import/import-columns';
import type { CreateMarketDto } from '../markets/market.dto';

/** The demo's markets: one pilot and the two controls it is compared with. */
export const DEMO_MARKETS: CreateMarketDto[] = [
  { code: 'AT', name: 'Austria', timezone: 'Europe/Vienna', locale: 'de-AT', role: 'control' },
  { code: 'CH', name: 'Switzerland', timezone: 'Europe/Zurich', locale: 'de-CH', role: 'control' },
  { code: 'DE', name: 'Germany', timezone: 'Europe/Berlin', locale: 'de-DE', role: 'pilot', controls: ['AT', 'CH'] },
];

const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Elif', 'Felix', 'Greta', 'Hannes', 'Ida', 'Jonas', 'Katrin', 'Luca', 'Mia', 'Noah', 'Olga', 'Paul', 'Rosa', 'Sami', 'Tina', 'Umut'];
const LAST = ['Bauer', 'Novak', 'Keller', 'Yilmaz', 'Huber', 'Wagner', 'Meier', 'Schmid', 'Fischer', 'Berger', 'Weber', 'Frei', 'Gruber', 'Kaya', 'Brunner'];
const DEPARTMENTS: Array<{ name: string; size: number; tier: string; title: string; customerFacing: boolean }> = [
  { name: 'Customer Service', size: 14, tier: 'telemarketer', title: 'Customer service agent', customerFacing: true },
  { name: 'Telesales', size: 10, tier: 'telemarketer', title: 'Telesales agent', customerFacing: true },
  { name: 'Field Sales', size: 6, tier: 'back_office', title: 'Account manager', customerFacing: true },
  { name: 'Finance', size: 5, tier: 'back_office', title: 'Accountant', customerFacing: false },
  { name: 'Operations', size: 6, tier: 'back_office', title: 'Operations specialist', customerFacing: false },
];

/**
 * A small, plausible directory as the import CSV: per market a country head, a manager per
 * department and their teams. Deterministic, so every demo looks the same.
 */
export function demoDirectoryCsv(): string {
  const lines = [IMPORT_COLUMNS.join(',')];
  let n = 0;
  const person = (market: string, id: string, tier: string, department: string, title: string, manager: string, facing: boolean) => {
    n++;
    const first = FIRST[(n * 7) % FIRST.length];
    const last = LAST[(n * 11) % LAST.length];
    const hire = `${2012 + (n % 13)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 27)).padStart(2, '0')}`;
    const email = `${first}.${last}.${id}@example.com`.toLowerCase();
    lines.push([id, email, first, last, market, department, title, tier, manager, '', '', '', hire, 'active', String(facing)].join(','));
  };
  for (const market of DEMO_MARKETS) {
    const head = `${market.code}-0001`;
    person(market.code, head, 'executive', 'Management', 'Country head', '', false);
    DEPARTMENTS.forEach((department, d) => {
      const lead = `${market.code}-${String(d + 1).padStart(2, '0')}00`;
      person(market.code, lead, 'manager', department.name, `Head of ${department.name}`, head, department.customerFacing);
      for (let i = 1; i <= department.size; i++) {
        person(market.code, `${market.code}-${String(d + 1).padStart(2, '0')}${String(i).padStart(2, '0')}`, department.tier, department.name, department.title, lead, department.customerFacing);
      }
    });
  }
  return lines.join('\n') + '\n';
}
