import type { INestApplicationContext } from '@nestjs/common';
import { SignInService, SYSTEM_ACTOR, UsersService } from '@changepulse/access';

/** The demo's leader: a dashboard account for all three demo markets, with no real mailbox. */
export const DEMO_LEADER = { email: 'leader@example.com', name: 'Dana Demo', role: 'leader' as const };

/**
 * Makes sure the demo leader exists and returns a one-time sign-in link for them (15 minutes),
 * so that whoever runs the demo can open the dashboard without a mail server.
 */
export async function demoLeaderLink(context: INestApplicationContext): Promise<string> {
  const users = context.get(UsersService);
  if (!(await users.findByEmail(SYSTEM_ACTOR, DEMO_LEADER.email))) await users.create(SYSTEM_ACTOR, DEMO_LEADER);
  return (await context.get(SignInService).createLink(SYSTEM_ACTOR, DEMO_LEADER.email)).url;
}

/** The banner lines that open the dashboard as the demo leader. */
export function signInLines(link: string, indent = ''): string[] {
  return [`${indent}Sign in as the demo leader (${DEMO_LEADER.name}; the link works once, for 15 minutes):`, `${indent}  ${link}`];
}
