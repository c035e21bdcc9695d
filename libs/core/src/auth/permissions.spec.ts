import { ForbiddenException } from '@nestjs/common';
import { readmeEveryMarketPermissions, readmeRoleTable, tableOf } from '../../../../tests/support/readme-role-table';
import { EVERY_MARKET, hasAccess, requireAccess } from './access';
import type { Actor, Role } from './actor';
import { EVERY_MARKET_PERMISSIONS, PERMISSIONS, ROLE_PERMISSIONS } from './permissions';

const actor = (role: Role, markets: string[] | null = null, grants?: Actor['grants']): Actor => ({ tokenId: 't', name: 'n', role, markets, grants });

describe('ROLE_PERMISSIONS', () => {
  it("is exactly README's \"Who may do what\" table", () => {
    expect(readmeRoleTable()).toEqual(tableOf(ROLE_PERMISSIONS, PERMISSIONS));
    expect(readmeEveryMarketPermissions()).toEqual(new Set(EVERY_MARKET_PERMISSIONS));
  });

  it('names only known permissions, each once per role', () => {
    for (const permissions of Object.values(ROLE_PERMISSIONS)) {
      expect(new Set(permissions).size).toBe(permissions.length);
      for (const permission of permissions) expect(PERMISSIONS).toContain(permission);
    }
  });
});

describe(requireAccess.name, () => {
  it('lets a role through with a permission of its row, and names the roles that have it when not', () => {
    expect(() => requireAccess(actor('viewer'), 'segment.read')).not.toThrow();
    expect(() => requireAccess(actor('viewer'), 'segment.write')).toThrow(
      new ForbiddenException('segment.write needs the role admin or change_manager; yours is viewer'),
    );
  });

  it('keeps an actor limited to markets within them, naming what is out of reach', () => {
    const limited = actor('change_manager', ['DE']);
    expect(() => requireAccess(limited, 'market.update', ['DE'])).not.toThrow();
    expect(() => requireAccess(limited, 'market.update', ['DE', 'AT'])).toThrow('Your access is limited to DE; AT is out of reach');
    expect(hasAccess(actor('change_manager'), 'market.update', ['AT'])).toBe(true);
  });

  it('lets only an actor limited to no market reach every market', () => {
    expect(() => requireAccess(actor('change_manager', ['DE']), 'segment.write', EVERY_MARKET)).toThrow(/every market/);
    expect(() => requireAccess(actor('change_manager', ['DE']), 'market.create', ['DE'])).toThrow(
      'market.create reaches every market; your access is limited to DE',
    );
    expect(() => requireAccess(actor('admin', ['DE']), 'token.manage')).toThrow(/reaches every market/);
    expect(() => requireAccess(actor('admin'), 'token.manage')).not.toThrow();
  });

  it('adds the rights granted to one actor beyond its role, still within its markets', () => {
    const granted = actor('leader', ['DE'], ['survey.write']);
    expect(hasAccess(granted, 'survey.write', ['DE'])).toBe(true);
    expect(hasAccess(granted, 'survey.write', ['AT'])).toBe(false);
    expect(hasAccess(actor('leader', ['DE']), 'survey.write', ['DE'])).toBe(false);
  });
});
