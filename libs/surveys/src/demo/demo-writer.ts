import type { EntityManager } from 'typeorm';
import type { DemoPlan } from './demo-plan';
import type { DemoRowBatch } from './demo-rows';

interface TableSpec {
  name: string;
  columns: string[];
  /** PostgreSQL types, for unnest. */
  types: string[];
}

/** Where each part of a batch goes, columns in the order of the generator's rows. */
export const DEMO_TABLES: Record<keyof DemoRowBatch, TableSpec> = {
  invitations: {
    name: 'invitations',
    columns: ['id', 'wave_id', 'employee_id', 'locale', 'tier_key', 'department', 'manager_group', 'tenure_band', 'created_at'],
    types: ['uuid', 'uuid', 'uuid', 'text', 'text', 'text', 'uuid', 'text', 'timestamptz'],
  },
  unanswered: { name: 'unanswered_invitations', columns: ['invitation_id'], types: ['uuid'] },
  responses: {
    name: 'responses',
    columns: ['id', 'wave_id', 'submitted_on', 'market_id', 'tier_key', 'department', 'manager_group', 'tenure_band', 'comment'],
    types: ['uuid', 'uuid', 'date', 'uuid', 'text', 'text', 'uuid', 'text', 'text'],
  },
  answers: { name: 'answers', columns: ['response_id', 'item_code', 'value'], types: ['uuid', 'text', 'smallint'] },
  contacts: { name: 'survey_contacts', columns: ['employee_id', 'invited_at'], types: ['uuid', 'timestamptz'] },
};

/** Parents before children: answers need their responses, unanswered marks their invitations. */
export const DEMO_TABLE_ORDER: Array<keyof DemoRowBatch> = ['invitations', 'unanswered', 'responses', 'answers', 'contacts'];

/** The programmes and waves of a plan, in the caller's transaction. */
export async function insertDemoPlan(manager: EntityManager, plan: DemoPlan): Promise<void> {
  for (const programme of plan.programmes) {
    // Inactive: the demo's rounds are history, and a running worker must not mail its people.
    await manager.query(
      `INSERT INTO pulse_programmes (id, market_id, instrument_id, name, rrule, local_time, items_per_round, open_days, starts_on, active, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, '09:00', 5, 3, $6, false, $6::date - 1, $6::date - 1)`,
      [programme.id, programme.marketId, plan.instrumentId, programme.name, programme.rrule, programme.startsOn],
    );
  }
  for (const wave of plan.waves) {
    const closedAt = wave.status === 'closed' ? wave.closesAt : null;
    await manager.query(
      `INSERT INTO survey_waves (id, kind, title, market_id, instrument_id, channels, item_codes, opens_at, closes_at, reminders_at, status,
                                 programme_id, round_date, round_number, launched_at, closed_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, '{email}', $6, $7, $8, $9, $10, $11, $12, $13, $7, $14, $7::timestamptz - interval '1 day', COALESCE($14, $7))`,
      [wave.id, wave.kind, wave.title, wave.market.id, plan.instrumentId, wave.itemCodes, wave.opensAt, wave.closesAt, wave.remindersAt, wave.status,
       wave.programmeId, wave.roundDate, wave.kind === 'pulse' ? wave.round : null, closedAt],
    );
  }
}

/** One batch with a multi-row INSERT … SELECT FROM unnest(…) per table, in the caller's transaction. */
export async function insertDemoBatch(manager: EntityManager, batch: DemoRowBatch): Promise<void> {
  for (const part of DEMO_TABLE_ORDER) {
    const columns: unknown[][] = batch[part];
    if (columns[0].length === 0) continue;
    const { name, types } = DEMO_TABLES[part];
    const params = types.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
    await manager.query(`INSERT INTO ${name} (${DEMO_TABLES[part].columns.join(', ')}) SELECT * FROM unnest(${params})`, columns);
  }
}

/** `COPY table (columns) FROM STDIN` for one part of a batch (text format). */
export function copyStatement(part: keyof DemoRowBatch): string {
  const { name, columns } = DEMO_TABLES[part];
  return `COPY ${name} (${columns.join(', ')}) FROM STDIN`;
}

/** One part of a batch (its columns) as COPY text-format input: tab-separated, `\N` for NULL, backslash escapes. */
export function copyText(columns: readonly (readonly unknown[])[]): string {
  const fields = columns.map(copyFields);
  let text = '';
  for (let row = 0; row < fields[0].length; row++) {
    let line = fields[0][row];
    for (let column = 1; column < fields.length; column++) line += '\t' + fields[column][row];
    text += line + '\n';
  }
  return text;
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

// A column's cells as COPY fields; a column repeats one date (a wave's), so dates are written once each.
function copyFields(cells: readonly unknown[]): string[] {
  let lastDate: Date | null = null;
  let lastText = '';
  return cells.map((value) => {
    if (value === null || value === undefined) return '\\N';
    if (typeof value === 'string') return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (char) => ESCAPES[char]) : value;
    if (typeof value === 'boolean') return value ? 't' : 'f';
    if (value instanceof Date) {
      if (value !== lastDate) [lastDate, lastText] = [value, value.toISOString()];
      return lastText;
    }
    return String(value);
  });
}
