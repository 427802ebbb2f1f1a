import { describe, expect, it } from 'vitest';
import { can } from './permissions.ts';
import { parseRoleMap, parseSubjects, resolveRoles } from './role-map.ts';

describe('role mapping', () => {
  it('maps group names and Entra-style ids, several roles per group, plus bootstrap admins', () => {
    const roleMap = parseRoleMap(
      'agents-admin=reviewer, 6f1c2b8e-0d4a-4f5e-9c1b-2a3d4e5f6a7b=grc,agents-admin=incident-commander',
    );
    expect(resolveRoles({ groups: ['agents-admin'], subject: 's1', roleMap, adminSubjects: new Set() })).toEqual([
      'incident-commander',
      'reviewer',
    ]);
    expect(
      resolveRoles({
        groups: ['6f1c2b8e-0d4a-4f5e-9c1b-2a3d4e5f6a7b'],
        subject: 's1',
        roleMap,
        adminSubjects: new Set(),
      }),
    ).toEqual(['grc']);
    expect(resolveRoles({ groups: ['marketing'], subject: 's1', roleMap, adminSubjects: new Set() })).toEqual([]);
    expect(
      resolveRoles({ groups: [], subject: 'boot', roleMap, adminSubjects: parseSubjects(' boot , other') }),
    ).toEqual(['admin']);
  });

  it('names the setting and the bad entry', () => {
    expect(() => parseRoleMap('agents-admin=superuser')).toThrow(
      /TOLLGATE_ROLE_MAP: entry "agents-admin=superuser" names an unknown role/,
    );
    expect(() => parseRoleMap('just-a-group')).toThrow(
      /TOLLGATE_ROLE_MAP: entry "just-a-group" is not of the form group=role/,
    );
  });

  it('follows the permission table of the issue', () => {
    expect(can(['auditor'], 'evidence:download')).toBe(true);
    expect(can(['auditor'], 'agents:write')).toBe(false);
    expect(can(['incident-commander'], 'agents:suspend')).toBe(true);
    expect(can(['incident-commander'], 'audit:read')).toBe(false);
    expect(can(['ciso'], 'exceptions:approve')).toBe(true);
    expect(can(['reviewer'], 'exceptions:approve')).toBe(false);
    expect(can(['grc'], 'audit:export')).toBe(true);
    expect(can(['admin'], 'settings:write')).toBe(true);
    expect(can(['reviewer'], 'settings:write')).toBe(false);
  });
});
