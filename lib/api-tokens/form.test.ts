// Settings → API tokens' form: every role may hold tokens, each may give a token only roles it covers, and the
// expiry is one of the offered choices.
import { describe, expect, it } from 'vitest';
import { can, ROLE_PERMISSIONS, ROLES, type Role } from '@/lib/auth/permissions.ts';
import { createTokenForm, DEFAULT_EXPIRY, EXPIRY_CHOICES, grantableRoles } from './form.ts';

const form = (fields: Record<string, string>) =>
  createTokenForm.safeParse({ label: 'SIEM', role: 'auditor', workspace: 'all', days: '90', ...fields });

describe('API token form', () => {
  it('lets every role manage its own API tokens', () => {
    for (const role of ROLES) expect(can([role], 'api-tokens:manage'), role).toBe(true);
  });

  it('offers each user exactly the roles whose every permission they hold, their own included', () => {
    for (const role of ROLES) {
      const offered = grantableRoles([role]);
      expect(offered, role).toContain(role);
      for (const other of ROLES) {
        const covered = ROLE_PERMISSIONS[other].every((p) => ROLE_PERMISSIONS[role].includes(p));
        expect(offered.includes(other), `${role} → ${other}`).toBe(covered);
      }
    }
    // The incident commander cannot mint a reader of everything; an admin cannot mint a CISO's approvals.
    expect(grantableRoles(['incident-commander'])).toEqual(['incident-commander']);
    expect(grantableRoles(['admin'])).not.toContain('ciso' satisfies Role);
    expect(grantableRoles(['admin', 'ciso'])).toContain('ciso');
  });

  it('takes 30, 90, 180 or 365 days, 90 by default, and refuses anything else naming the field', () => {
    expect(EXPIRY_CHOICES).toContain(DEFAULT_EXPIRY);
    for (const days of EXPIRY_CHOICES) expect(form({ days: String(days) }).data?.days).toBe(days);
    for (const days of ['7', '366', '', 'ninety'])
      expect(form({ days }).error?.issues[0]?.message, days).toMatch(/expiry/i);
    expect(form({ role: 'owner' }).error?.issues[0]?.message).toBe('Choose a role.');
    expect(form({ label: '  ' }).error?.issues[0]?.message).toBe('Label is required.');
  });
});
