import type { Permission } from './permissions';

/** The roles a token can carry, from most to least powerful. */
export const ROLES = ['admin', 'change_manager', 'leader', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is acting. Services take it as their first argument and call `requireAccess` before working.
 * `markets` is null when the actor may see every market, else the market codes it may see.
 * `grants` are rights beyond the role that only some people hold (none are stored yet; "approve
 * messages" will be one); market limits apply to them as to the role's own.
 */
export interface Actor {
  tokenId: string;
  name: string;
  role: Role;
  markets: string[] | null;
  grants?: readonly Permission[];
}

/** True when the actor may see the given market (for filtering lists; single resources go through requireAccess). */
export function canSeeMarket(actor: Actor, marketCode: string): boolean {
  return actor.markets === null || actor.markets.includes(marketCode);
}
