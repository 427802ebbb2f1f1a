// The one permission table: dashboard role → what it may do. Pages, server actions and route
// handlers all ask `can()` through lib/auth/authorize.ts; nothing else decides access.

export const ROLES = ['admin', 'reviewer', 'ciso', 'grc', 'auditor', 'incident-commander'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'overview:read',
  'agents:read',
  'agents:write', // inventory edits and imports
  'agents:suspend', // suspend and restore
  'reviews:read',
  'reviews:decide',
  'roles:read',
  'roles:write', // agent role baseline, observed role imports
  'roster:write', // members CSV import
  'roster:attest', // re-attest workspace admins and owners (1.4)
  'findings:read',
  'findings:write', // owner and due date
  'apps:read',
  'apps:write', // app catalogue
  'exceptions:read',
  'exceptions:request',
  'exceptions:approve',
  'alerts:read',
  'alerts:triage',
  'logs:ingest', // upload Compliance Logs files
  'logs:content', // read what people typed and agents said (personal data); set its retention and purge it
  'posture:read',
  'attestations:write',
  'evidence:download',
  'audit:read',
  'audit:export',
  'settings:read',
  'settings:write',
  'sessions:manage',
  'campaigns:read', // access-review campaigns and their decisions
  'campaigns:decide', // decide access-review items assigned to you (keep, revoke, reassign)
  'campaigns:manage', // start and close access-review campaigns; record an owner's answer
  'platform:read', // platform actions (unpublish, isolate, delete) with their attempts and confirmations
  'platform:act', // request an unpublish, isolate or delete through the platform's Admin API
  'platform:approve', // the second person of a destructive or large request (never the requester)
  'api-tokens:manage', // one's own API tokens and the API reference; every role (a token never exceeds its owner)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_EVERYTHING: Permission[] = [
  'overview:read',
  'agents:read',
  'reviews:read',
  'roles:read',
  'findings:read',
  'apps:read',
  'exceptions:read',
  'alerts:read',
  'posture:read',
  'audit:read',
  'settings:read',
  'campaigns:read',
  'platform:read',
  'api-tokens:manage',
];

const REVIEWER: Permission[] = [
  ...READ_EVERYTHING,
  'agents:write',
  'agents:suspend',
  'reviews:decide',
  'alerts:triage',
  'logs:ingest',
  'exceptions:request',
  'findings:write',
  'campaigns:decide',
  'platform:act',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    ...REVIEWER,
    'logs:content',
    'apps:write',
    'roles:write',
    'roster:write',
    'roster:attest',
    'settings:write',
    'sessions:manage',
    'evidence:download',
    'campaigns:manage',
    'platform:approve',
  ],
  reviewer: REVIEWER,
  ciso: [...READ_EVERYTHING, 'exceptions:approve', 'roster:attest', 'evidence:download', 'platform:approve'],
  grc: [
    ...READ_EVERYTHING,
    'attestations:write',
    'roster:attest',
    'evidence:download',
    'audit:export',
    'campaigns:decide',
    'campaigns:manage',
  ],
  auditor: [...READ_EVERYTHING, 'evidence:download'],
  'incident-commander': [
    'agents:read',
    'alerts:read',
    'agents:suspend',
    'platform:read',
    'platform:act',
    'api-tokens:manage',
  ],
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  reviewer: 'Reviewer (agents-admin)',
  ciso: 'CISO',
  grc: 'GRC',
  auditor: 'Auditor',
  'incident-commander': 'Incident commander',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}
