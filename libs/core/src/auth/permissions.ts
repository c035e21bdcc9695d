import type { Role } from './actor';

/**
 * Every right the product checks, named once. What each means is the `What` column of README's
 * "Who may do what" table, which must list exactly ROLE_PERMISSIONS (a test compares them).
 */
export const PERMISSIONS = [
  'market.read',
  'market.create',
  'market.update',
  'tier.read',
  'tier.manage',
  'employee.read',
  'employee.import',
  'segment.read',
  'segment.write',
  'instrument.read',
  'survey.read',
  'survey.write',
  'programme.read',
  'programme.write',
  'analytics.read',
  'token.manage',
  'user.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Rights that reach every market at once: only an actor limited to no market may hold them. */
export const EVERY_MARKET_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(['market.create', 'tier.manage', 'token.manage', 'user.manage']);

const READ_ALL: Permission[] = ['market.read', 'tier.read', 'instrument.read', 'survey.read', 'programme.read', 'analytics.read'];

/** The one role table: what each role may do (within its markets, for an actor limited to some). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  change_manager: [
    ...READ_ALL,
    'market.create',
    'market.update',
    'employee.read',
    'employee.import',
    'segment.read',
    'segment.write',
    'survey.write',
    'programme.write',
  ],
  leader: READ_ALL,
  viewer: [...READ_ALL, 'employee.read', 'segment.read'],
};

/** What an actor may do: its role's rights plus any granted to it alone. */
export function permissionsOf(actor: { role: Role; grants?: readonly Permission[] }): ReadonlySet<Permission> {
  return new Set([...ROLE_PERMISSIONS[actor.role], ...(actor.grants ?? [])]);
}

/** True when the role's table row holds the permission (grants aside). */
export function roleMay(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
