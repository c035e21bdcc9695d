import type { INestApplication } from '@nestjs/common';
import type TestAgent from 'supertest/lib/agent';
import { SYSTEM_ACTOR, TokensService } from '@changepulse/access';
import type { Role } from '@changepulse/core';
import { MarketsService, type CreateMarketDto, type MarketDto } from '@changepulse/people';

let counter = 0;

/** A unique market code per test, so tests in one file never share rows by accident. */
export function uniqueCode(prefix = 'M'): string {
  counter += 1;
  return `${prefix}${process.pid % 100}${counter}`.toUpperCase().slice(0, 16);
}

/** One test's world: a market of its own and tokens for each role. */
export class TestSession {
  private readonly tokens = new Map<string, string>();

  private constructor(
    private readonly app: INestApplication,
    readonly http: TestAgent,
    readonly market: MarketDto,
  ) {}

  static async create(app: INestApplication, http: TestAgent, market: Partial<CreateMarketDto> = {}): Promise<TestSession> {
    const created = await app.get(MarketsService).create(SYSTEM_ACTOR, {
      code: uniqueCode(),
      name: 'Test market',
      timezone: 'Europe/Berlin',
      locale: 'de-DE',
      role: 'pilot',
      ...market,
    });
    return new TestSession(app, http, created);
  }

  /** A bearer token with this role (and optional market limit), made once per session. */
  async token(role: Role, markets?: string[]): Promise<string> {
    const key = `${role}:${markets?.join(',') ?? '*'}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = (await this.app.get(TokensService).create(SYSTEM_ACTOR, { name: `test ${key}`, role, markets })).token;
      this.tokens.set(key, token);
    }
    return token;
  }

  /** `Authorization` header for a role. */
  async auth(role: Role = 'admin', markets?: string[]): Promise<{ Authorization: string }> {
    return { Authorization: `Bearer ${await this.token(role, markets)}` };
  }

  /** Another market, for tests that need several. */
  async addMarket(market: Partial<CreateMarketDto> = {}): Promise<MarketDto> {
    return this.app.get(MarketsService).create(SYSTEM_ACTOR, {
      code: uniqueCode(),
      name: 'Other market',
      timezone: 'Europe/Vienna',
      locale: 'de-AT',
      role: 'control',
      ...market,
    });
  }

  /** Imports people through the API as an admin; throws if the import is refused. */
  async importCsv(csv: string): Promise<{ created: number; updated: number; unchanged: number; deactivated: number }> {
    const response = await this.http.post('/api/employees/import').set(await this.auth()).set('Content-Type', 'text/csv').send(csv);
    if (response.status !== 200) throw new Error(`import refused: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }
}
