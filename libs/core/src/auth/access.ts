import { ForbiddenException } from '@nestjs/common';
import { canSeeMarket, ROLES, type Actor } from './actor';
import { EVERY_MARKET_PERMISSIONS, permissionsOf, roleMay, type Permission } from './permissions';

/** The scope of something that lies in no single market but in all of them (a segment without a market rule). */
export const EVERY_MARKET = 'every-market';

/** The markets a request touches: some codes, or every market at once. */
export type MarketScope = readonly string[] | typeof EVERY_MARKET;

/**
 * The one access check. Every service method calls it first with the permission it needs, and
 * again with the scope once it knows which markets the resource lies in. Throws 403 when the
 * actor's role (or grants) lacks the permission, when the permission reaches every market and
 * the actor is limited to some, or when the scope leaves the actor's markets.
 */
export function requireAccess(actor: Actor, permission: Permission, scope?: MarketScope): void {
  const refusal = accessRefusal(actor, permission, scope);
  if (refusal) throw new ForbiddenException(refusal);
}

/** True when requireAccess would let the actor through (for filtering lists). */
export function hasAccess(actor: Actor, permission: Permission, scope?: MarketScope): boolean {
  return accessRefusal(actor, permission, scope) === null;
}

function accessRefusal(actor: Actor, permission: Permission, scope: MarketScope | undefined): string | null {
  if (!permissionsOf(actor).has(permission)) {
    const holders = ROLES.filter((role) => roleMay(role, permission));
    return `${permission} needs the role ${holders.join(' or ')}; yours is ${actor.role}`;
  }
  if (actor.markets === null) return null;
  const limit = actor.markets.length ? actor.markets.join(', ') : 'no market';
  if (EVERY_MARKET_PERMISSIONS.has(permission)) return `${permission} reaches every market; your access is limited to ${limit}`;
  if (scope === EVERY_MARKET) return `This reaches every market; your access is limited to ${limit}`;
  const outside = (scope ?? []).filter((code) => !canSeeMarket(actor, code));
  return outside.length ? `Your access is limited to ${limit}; ${outside.join(', ')} is out of reach` : null;
}
