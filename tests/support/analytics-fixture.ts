import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@changepulse/access';
import { refreshRollups } from '@changepulse/analytics';
import { MarketsService, type MarketDto } from '@changepulse/people';
import type { TestApp, TestSession } from '@changepulse/testing';
import fixture from '../reference/progress.fixtures.json';

type Fixture = typeof fixture;
type FixtureWave = Fixture['waves'][number];

export { fixture as progressFixture };

/**
 * Writes the reference dataset of tests/reference/make-progress-fixtures.py into the database:
 * one wave per fixture wave, an invitation per person invited (responded as the fixture says),
 * a response with its answers per respondent; then builds the rollups as the worker would.
 * `markets` maps the fixture's market keys (pilot, c1, c2) to real markets.
 */
export async function loadProgressFixture(dataSource: DataSource, markets: Record<string, MarketDto>): Promise<{ waves: Map<FixtureWave, string>; managers: Map<string, string> }> {
  const [{ id: instrumentId }] = await dataSource.query(`SELECT id FROM instruments WHERE key = 'crm-leadership' AND version = 1`);
  const managers = new Map<string, string>();
  const managerId = async (market: string, index: number) => {
    if (index < 0) return null;
    const key = `${market}:${index}`;
    if (!managers.has(key)) managers.set(key, (await dataSource.query(`SELECT gen_random_uuid() AS id`))[0].id);
    return managers.get(key)!;
  };
  const ids = new Map<FixtureWave, string>();
  await dataSource.transaction(async (manager) => {
    for (const wave of fixture.waves) {
      const market = markets[wave.market];
      const opens = `${wave.date}T07:00:00Z`;
      const [{ id }] = await manager.query(
        `INSERT INTO survey_waves (kind, title, market_id, instrument_id, channels, item_codes, opens_at, closes_at, status, round_date, launched_at, closed_at)
         SELECT $1, $2, id, $3, '{email}', $4, $5::timestamptz, $5::timestamptz + interval '3 days', 'closed', $6, $5::timestamptz, $5::timestamptz + interval '3 days'
           FROM markets WHERE code = $7 RETURNING id`,
        [wave.kind, `${wave.kind} ${wave.date}`, instrumentId, wave.itemCodes, opens, wave.kind === 'pulse' ? wave.date : null, market.code],
      );
      ids.set(wave, id);
      for (const cell of wave.cells) {
        const group = await managerId(wave.market, cell.manager);
        await manager.query(
          `WITH invited AS (SELECT gen_random_uuid() AS id, i <= $6 AS answered FROM generate_series(1, $5) AS i),
                written AS (INSERT INTO invitations (id, wave_id, employee_id, locale, tier_key, department, manager_group, tenure_band)
                            SELECT id, $1, NULL, 'de-DE', $2, NULLIF($3, ''), $4, '1-3y' FROM invited)
           INSERT INTO unanswered_invitations (invitation_id) SELECT id FROM invited WHERE NOT answered`,
          [id, cell.tier, cell.department, group, cell.invited, cell.responded],
        );
      }
      for (const response of wave.responses) {
        const group = await managerId(wave.market, response.manager);
        const [{ id: responseId }] = await manager.query(
          `INSERT INTO responses (wave_id, submitted_on, market_id, tier_key, department, manager_group, tenure_band)
           SELECT $1, $2, id, $3, NULLIF($4, ''), $5, '1-3y' FROM markets WHERE code = $6 RETURNING id`,
          [id, wave.date, response.tier, response.department, group, market.code],
        );
        const answers = Object.entries(response.answers as Record<string, number>);
        await manager.query(`INSERT INTO answers (response_id, item_code, value) SELECT $1, unnest($2::text[]), unnest($3::int[])`, [
          responseId,
          answers.map(([code]) => code),
          answers.map(([, value]) => value),
        ]);
      }
    }
  });
  await refreshRollups(dataSource, [...ids.values()]);
  return { waves: ids, managers };
}

/**
 * A test's world for the reference dataset: the session's market as the pilot, two control
 * markets it names as its controls, and the dataset loaded into all three.
 */
export async function pilotWithReferenceData(t: TestApp): Promise<{ session: TestSession; pilot: string; controls: string[]; managers: Map<string, string> }> {
  const session = await t.session();
  const c1 = await session.addMarket({ name: 'Control one' });
  const c2 = await session.addMarket({ name: 'Control two' });
  const controls = [c1.code, c2.code];
  await t.app.get(MarketsService).update(SYSTEM_ACTOR, session.market.code, { controls });
  const { managers } = await loadProgressFixture(t.dataSource, { pilot: session.market, c1, c2 });
  return { session, pilot: session.market.code, controls, managers };
}
