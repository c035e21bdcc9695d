import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_ACTOR, TokensService } from '@changepulse/access';
import type { AppConfig } from '@changepulse/core';
import { DEMO_MARKETS, demoDirectoryCsv, EmployeeImportService, MarketsService } from '@changepulse/people';
import { withContext } from '../cli-context';

/**
 * On the embedded database's first start: a demo directory to look at, and an admin token
 * (like a first-run password) kept in DATA_DIR/admin-token. Does nothing once there is data.
 */
export async function firstRun(config: AppConfig): Promise<string> {
  return withContext(config, async (context) => {
    const markets = context.get(MarketsService);
    const tokens = context.get(TokensService);
    const lines: string[] = [];
    if ((await markets.list(SYSTEM_ACTOR)).length === 0) {
      for (const market of DEMO_MARKETS) await markets.create(SYSTEM_ACTOR, market);
      const report = await context.get(EmployeeImportService).import(SYSTEM_ACTOR, demoDirectoryCsv(), {});
      lines.push(`  Demo directory loaded: markets ${DEMO_MARKETS.map((m) => m.code).join(', ')}, ${report.created} employees.`);
    }
    if ((await tokens.list(SYSTEM_ACTOR)).length === 0) {
      const created = await tokens.create(SYSTEM_ACTOR, { name: 'first admin', role: 'admin' });
      const file = join(config.dataDir, 'admin-token');
      writeFileSync(file, created.token + '\n', { mode: 0o600 });
      chmodSync(file, 0o600);
      lines.push(`  First admin token (also in ${file}):`, `    ${created.token}`, `  Try: curl -H "Authorization: Bearer $(cat ${file})" ${config.publicUrl}/api/markets`);
    } else {
      lines.push('  New token: npm run cli -- token create --role admin --name YOU');
    }
    return lines.join('\n');
  });
}
