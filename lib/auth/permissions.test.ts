// Who may read, request and approve platform actions (issue 18, docs/decisions/0026): read with everything else,
// act as reviewers and incident commanders do, approve as admin and CISO; nobody else.
import { describe, expect, it } from 'vitest';
import { can, ROLES } from './permissions.ts';

const holders = (permission: Parameters<typeof can>[1]) => ROLES.filter((r) => can([r], permission));

describe('platform permissions', () => {
  it('lets every reading role and the incident commander read platform actions', () => {
    expect(holders('platform:read')).toEqual([...ROLES]);
    for (const role of ROLES) if (can([role], 'overview:read')) expect(can([role], 'platform:read'), role).toBe(true);
  });

  it('lets admin, reviewer and incident commander request an action, and nobody read-only', () => {
    expect(holders('platform:act')).toEqual(['admin', 'reviewer', 'incident-commander']);
  });

  it('lets only admin and CISO be the second person', () => {
    expect(holders('platform:approve')).toEqual(['admin', 'ciso']);
  });
});
