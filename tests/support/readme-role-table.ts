import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES, type Permission, type Role } from '@changepulse/core';

/**
 * README's "Who may do what" table, read as the contract: permission → the roles with a tick.
 * Rows are `| \`permission\` | what | ✓ | … |`, columns headed by the roles in backticks.
 */
export function readmeRoleTable(): Map<string, Role[]> {
  const [header, , ...rows] = tableRows();
  const roleColumns = header.map((cell) => cell.replaceAll('`', '')).map((name) => ((ROLES as readonly string[]).includes(name) ? (name as Role) : null));
  const table = new Map<string, Role[]>();
  for (const values of rows) {
    const permission = values[0].replaceAll('`', '');
    table.set(permission, roleColumns.flatMap((role, index) => (role && values[index] === '✓' ? [role] : [])));
  }
  return table;
}

/** The permissions README marks with ¹: they reach every market, so a limited actor never holds them. */
export function readmeEveryMarketPermissions(): Set<string> {
  return new Set(tableRows().filter((values) => values[1].includes('¹')).map((values) => values[0].replaceAll('`', '')));
}

/** The roles of each permission in a table shaped like the README's, from ROLE_PERMISSIONS. */
export function tableOf(rolePermissions: Readonly<Record<Role, readonly Permission[]>>, permissions: readonly Permission[]): Map<string, Role[]> {
  return new Map(permissions.map((permission) => [permission, ROLES.filter((role) => rolePermissions[role].includes(permission))]));
}

function tableRows(): string[][] {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Who may do what'), readme.indexOf('## The directory'));
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map(cells);
}

function cells(line: string): string[] {
  return line.split('|').slice(1, -1).map((cell) => cell.trim());
}
