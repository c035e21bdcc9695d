import { HttpException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateUserDto, SignInService, SYSTEM_ACTOR, UsersService } from '@changepulse/access';
import { ROLES, type AppConfig, type Role } from '@changepulse/core';
import { stringFlag, UsageError, type ParsedArgs } from '../args';
import { withContext } from '../cli-context';

export const USER_USAGE = `user create --email EMAIL --name NAME [--role ${ROLES.join('|')}] [--markets DE,AT]
  user list
  user link --email EMAIL   print a one-time dashboard sign-in link (15 minutes)`;

/** Dashboard users: `user link` prints the URL alone on its last line, so scripts can take `tail -1`. */
export async function userCommand(config: AppConfig, args: ParsedArgs): Promise<void> {
  try {
    await run(config, args);
  } catch (error) {
    // A refusal (address taken, unknown market or user) is one line for the operator, not a stack.
    if (error instanceof HttpException) throw new UsageError(error.message);
    throw error;
  }
}

async function run(config: AppConfig, args: ParsedArgs): Promise<void> {
  const action = args.words[1];
  if (action === 'create') {
    const role = (stringFlag(args, 'role') ?? 'leader') as Role;
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const email = stringFlag(args, 'email', true);
    const name = stringFlag(args, 'name', true);
    const markets = stringFlag(args, 'markets')?.split(',').map((code) => code.trim().toUpperCase()).filter(Boolean);
    const input = plainToInstance(CreateUserDto, { email, name, role, markets });
    const [problem] = await validate(input);
    if (problem) throw new UsageError(Object.values(problem.constraints ?? {})[0] ?? `--${problem.property} is not valid`);
    const user = await withContext(config, (context) => context.get(UsersService).create(SYSTEM_ACTOR, input));
    const scope = user.markets ? `limited to ${user.markets.join(', ')}` : 'all markets';
    process.stdout.write(`Created ${user.role} ${user.name} <${user.email}> (${scope}; id ${user.id}). Send a sign-in link with: user link --email ${user.email}\n`);
  } else if (action === 'list') {
    const users = await withContext(config, (context) => context.get(UsersService).list(SYSTEM_ACTOR));
    if (users.length === 0) process.stdout.write('No dashboard users yet. Add one with: user create --email EMAIL --name NAME\n');
    for (const user of users) {
      const state = user.disabledAt ? `disabled ${user.disabledAt}` : 'active';
      process.stdout.write(`${user.id}  ${user.role.padEnd(14)} ${user.name} <${user.email}>  (${user.markets?.join(',') ?? 'all markets'}; ${state})\n`);
    }
  } else if (action === 'link') {
    const email = stringFlag(args, 'email', true);
    const link = await withContext(config, (context) => context.get(SignInService).createLink(SYSTEM_ACTOR, email));
    process.stdout.write(`Sign-in link for ${link.name}, valid once until ${link.expiresAt.toISOString()}:\n${link.url}\n`);
  } else {
    throw new UsageError(`usage: ${USER_USAGE}`);
  }
}
