import { TokensService } from '@changepulse/access';
import { ROLES, type AppConfig, type Role } from '@changepulse/core';
import { SYSTEM_ACTOR } from '@changepulse/access';
import { stringFlag, UsageError, type ParsedArgs } from '../args';
import { withContext } from '../cli-context';

export const TOKEN_USAGE = `token create --role ${ROLES.join('|')} --name NAME [--markets DE,AT]
  token list
  token revoke ID`;

/** `token create` prints the new secret alone on its last line, so scripts can take `tail -1`. */
export async function tokenCommand(config: AppConfig, args: ParsedArgs): Promise<void> {
  const [, action, id] = args.words;
  if (action === 'create') {
    const role = stringFlag(args, 'role', true) as Role;
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const name = stringFlag(args, 'name', true);
    const markets = stringFlag(args, 'markets')?.split(',').map((code) => code.trim().toUpperCase()).filter(Boolean);
    const created = await withContext(config, (context) => context.get(TokensService).create(SYSTEM_ACTOR, { role, name, markets }));
    const scope = created.markets ? ` limited to ${created.markets.join(', ')}` : '';
    process.stdout.write(`Created ${created.role} token "${created.name}"${scope} (id ${created.id}). It is shown only now:\n${created.token}\n`);
  } else if (action === 'list') {
    const tokens = await withContext(config, (context) => context.get(TokensService).list(SYSTEM_ACTOR));
    for (const token of tokens) {
      const state = token.revokedAt ? `revoked ${token.revokedAt}` : `last used ${token.lastUsedAt ?? 'never'}`;
      process.stdout.write(`${token.id}  ${token.role.padEnd(14)} ${token.name}  (${token.markets?.join(',') ?? 'all markets'}; ${state})\n`);
    }
  } else if (action === 'revoke' && id) {
    const token = await withContext(config, (context) => context.get(TokensService).revoke(SYSTEM_ACTOR, id));
    process.stdout.write(`Revoked token "${token.name}" (${token.id})\n`);
  } else {
    throw new UsageError(`usage: ${TOKEN_USAGE}`);
  }
}
