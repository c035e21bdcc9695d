import { ForbiddenException } from '@nestjs/common';

/** The roles a token can carry, from most to least powerful. */
export const ROLES = ['admin', 'change_manager', 'leader', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is acting. Services take it as their first argument and check access before working.
 * `markets` is null when the actor may see every market, else the market codes it may see.
 */
export interface Actor {
  tokenId: string;
  name: string;
  role: Role;
  markets: string[] | null;
}

/** True when the actor may see the given market. */
export function canSeeMarket(actor: Actor, marketCode: string): boolean {
  return actor.markets === null || actor.markets.includes(marketCode);
}

/** Services check the role again, so that a controller that forgets its decorator still refuses. */
export function assertRole(actor: Actor, allowed: readonly Role[]): void {
  if (!allowed.includes(actor.role)) throw new ForbiddenException(`This needs one of the roles: ${allowed.join(', ')}`);
}
