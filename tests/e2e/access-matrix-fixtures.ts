import { SYSTEM_ACTOR, TokensService, UsersService } from '@changepulse/access';
import type { Role } from '@changepulse/core';
import { SegmentsService } from '@changepulse/people';
import { ProgrammesService, WavesService } from '@changepulse/surveys';
import { employeeRow, toCsv, type CsvRow, type TestApp, type TestSession } from '@changepulse/testing';
import { dashboardHelpers } from './dashboard-helpers';

/** What one market holds for the matrix: each route is tried against the own and the other market's. */
export interface MarketFixture {
  code: string;
  name: string;
  segment: { id: string; name: string };
  survey: string;
  programme: { id: string; name: string };
  employee: CsvRow;
}

/** Who knocks: a role and its markets, or nobody; a session sends its cookie and can only read. */
export interface Principal {
  name: string;
  headers: Record<string, string>;
  role: Role | null;
  markets: string[] | null;
  cookie: boolean;
}

export interface Fixtures {
  own: MarketFixture;
  other: MarketFixture;
  tier: { key: string; name: string; order: string[] };
  spareToken: string;
  spareUser: { id: string; email: string; name: string };
  principals: Principal[];
}

/**
 * Two markets (a pilot "DE" and a control "AT"), each with a person, a segment, a closed survey
 * using that segment and a pulse programme; a spare token and user; and the principals, with
 * tokens made once. Everything through the services, as an operator would.
 */
export async function createFixtures(t: TestApp, session: TestSession): Promise<Fixtures> {
  const own = await marketFixture(t, session, session.market.code, session.market.name);
  const otherMarket = await session.addMarket({ code: 'AT', name: 'Austria' });
  const other = await marketFixture(t, session, otherMarket.code, otherMarket.name);
  const [tier] = await t.dataSource.query(`SELECT key, name FROM audience_tiers ORDER BY rank LIMIT 1`);
  const order = (await t.dataSource.query(`SELECT key FROM audience_tiers ORDER BY rank`)).map((row: { key: string }) => row.key);
  const spareToken = (await t.app.get(TokensService).create(SYSTEM_ACTOR, { name: 'matrix spare', role: 'viewer' })).id;
  const spare = await t.app.get(UsersService).create(SYSTEM_ACTOR, { email: 'matrix.spare@example.com', name: 'Matrix Spare', role: 'viewer' });
  const token = async (name: string, role: Role, markets?: string[]): Promise<Principal> => ({
    name,
    headers: { Authorization: `Bearer ${await session.token(role, markets)}` },
    role,
    markets: markets ?? null,
    cookie: false,
  });
  const principals = [
    { name: 'nobody', headers: {}, role: null, markets: null, cookie: false },
    await token('viewer', 'viewer'),
    await token('viewer limited to DE', 'viewer', [own.code]),
    await token('leader limited to DE', 'leader', [own.code]),
    await token('change manager', 'change_manager'),
    await token('change manager limited to DE', 'change_manager', [own.code]),
    await token('admin', 'admin'),
    await sessionPrincipal(t, own.code),
  ];
  return {
    own,
    other,
    tier: { key: tier.key, name: tier.name, order },
    spareToken,
    spareUser: { id: spare.id, email: spare.email, name: spare.name },
    principals,
  };
}

async function marketFixture(t: TestApp, session: TestSession, code: string, name: string): Promise<MarketFixture> {
  // The top tier's person keeps `DELETE /api/tiers/:key` a 409 (the tier is not empty).
  const employee = employeeRow(code, { employee_id: `matrix-${code}-person`, email: `matrix.${code}@example.com`.toLowerCase(), audience: 'executive' });
  await session.importCsv(toCsv([employee]));
  const segment = await t.app.get(SegmentsService).create(SYSTEM_ACTOR, { name: `Matrix ${code}`, rules: { markets: [code] } });
  const waves = t.app.get(WavesService);
  // Closed, and using the segment: launch and close answer 409, and so does deleting the segment.
  const survey = await waves.create(SYSTEM_ACTOR, {
    kind: 'baseline',
    market: code,
    segment: segment.id,
    channels: ['email'],
    opensAt: '2030-01-06T08:00:00Z',
    closesAt: '2030-01-20T17:00:00Z',
  });
  await waves.close(SYSTEM_ACTOR, survey.id);
  const programme = await t.app.get(ProgrammesService).create(SYSTEM_ACTOR, {
    market: code,
    name: `Matrix pulse ${code}`,
    rrule: 'FREQ=WEEKLY;BYDAY=MO',
    startsOn: '2030-01-07',
  });
  return { code, name, segment: { id: segment.id, name: segment.name }, survey: survey.id, programme: { id: programme.id, name: programme.name }, employee };
}

/** A dashboard user (a leader limited to DE) signed in the way a browser would: link, button, cookie. */
async function sessionPrincipal(t: TestApp, market: string): Promise<Principal> {
  const user = await t.app.get(UsersService).create(SYSTEM_ACTOR, {
    email: 'matrix.leader@example.com',
    name: 'Matrix Leader',
    role: 'leader',
    markets: [market],
  });
  const cookie = await dashboardHelpers(t).signIn(user.email);
  return { name: 'dashboard session limited to DE', headers: cookie, role: 'leader', markets: [market], cookie: true };
}
