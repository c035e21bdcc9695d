import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_ACTOR, TokensService, UsersService } from '@changepulse/access';
import type { AppConfig } from '@changepulse/core';
import { MarketsService } from '@changepulse/people';
import { withContext } from '../cli-context';
import { loadDemo, loadedLines } from './demo.command';
import { DEMO_LEADER, demoLeaderLink, signInLines } from './demo-leader';

/**
 * On the embedded database's first start: the demo (people and 13 weeks of surveys, so that the
 * dashboard has something to show), and an admin token (like a first-run password) kept in
 * DATA_DIR/admin-token. Does nothing once there is data.
 */
export async function firstRun(config: AppConfig): Promise<string> {
  return withContext(config, async (context) => {
    const markets = context.get(MarketsService);
    const tokens = context.get(TokensService);
    const lines: string[] = [];
    let demoLoaded = false;
    if ((await markets.list(SYSTEM_ACTOR)).length === 0) {
      const outcome = await loadDemo(context);
      demoLoaded = outcome.kind === 'loaded';
      if (outcome.kind === 'loaded') lines.push(...loadedLines(outcome, '  '), `  Dashboard: ${config.publicUrl}/dashboard`);
    }
    // On every start while the demo leader exists, a fresh link: each one works once.
    if (demoLoaded || (await context.get(UsersService).findByEmail(SYSTEM_ACTOR, DEMO_LEADER.email))) {
      lines.push(...signInLines(await demoLeaderLink(context), '  '));
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
