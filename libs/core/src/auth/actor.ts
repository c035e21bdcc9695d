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
