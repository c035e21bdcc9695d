import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES, type Permission, type Role } from '@changepulse/core';

/**
 * README's "Who may do what" table, read as the contract: permission → the roles with a tick.
 * Rows are `| \`permission\` | what | ✓ | … |`, columns headed by the roles in backticks.
 */
export function readmeRoleTable(): Map<string, Role[]> {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Who may do what'), readme.indexOf('## The directory'));
  const rows = section.split('\n').filter((line) => line.startsWith('|'));
  const header = cells(rows[0]);
  const roleColumns = header.map((cell) => cell.replaceAll('`', '')).map((name) => (ROLES as readonly string[]).includes(name) ? (name as Role) : null);
  const table = new Map<string, Role[]>();
  for (const row of rows.slice(2)) {
    const values = cells(row);
    const permission = values[0].replaceAll('`', '');
    table.set(permission, roleColumns.flatMap((role, index) => (role && values[index] === '✓' ? [role] : [])));
  }
  return table;
}

/** The roles of each permission in a table shaped like the README's, from ROLE_PERMISSIONS. */
export function tableOf(rolePermissions: Readonly<Record<Role, readonly Permission[]>>, permissions: readonly Permission[]): Map<string, Role[]> {
  return new Map(permissions.map((permission) => [permission, ROLES.filter((role) => rolePermissions[role].includes(permission))]));
}

function cells(line: string): string[] {
  return line.split('|').slice(1, -1).map((cell) => cell.trim());
}
