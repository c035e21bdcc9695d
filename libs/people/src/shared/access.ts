import { ForbiddenException } from '@nestjs/common';
import type { Actor, Role } from '@changepulse/core';

/** Services check the role again, so that a controller that forgets its decorator still refuses. */
export function assertRole(actor: Actor, allowed: Role[]): void {
  if (!allowed.includes(actor.role)) throw new ForbiddenException(`This needs one of the roles: ${allowed.join(', ')}`);
}
