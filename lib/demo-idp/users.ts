// The demo identity provider's people: one per dashboard role, plus one with no mapped group
// (to show the no-access page). Their groups are mapped by DEMO_ROLE_MAP.

export type DemoUser = { id: string; name: string; email: string; groups: string[]; role: string };

export const DEMO_USERS: DemoUser[] = [
  {
    id: 'demo-admin',
    name: 'Ada Admin',
    email: 'ada.admin@demo.tollgate.local',
    groups: ['tollgate-admins'],
    role: 'admin',
  },
  {
    id: 'demo-reviewer',
    name: 'Rhea Reviewer',
    email: 'rhea.reviewer@demo.tollgate.local',
    groups: ['agents-admin'],
    role: 'reviewer',
  },
  {
    id: 'demo-ciso',
    name: 'Cyrus Ciso',
    email: 'cyrus.ciso@demo.tollgate.local',
    groups: ['security-leadership'],
    role: 'ciso',
  },
  { id: 'demo-grc', name: 'Greta GRC', email: 'greta.grc@demo.tollgate.local', groups: ['grc-team'], role: 'grc' },
  {
    id: 'demo-auditor',
    name: 'Otto Auditor',
    email: 'otto.auditor@demo.tollgate.local',
    groups: ['external-auditors'],
    role: 'auditor',
  },
  {
    id: 'demo-incident-commander',
    name: 'Iris Incident',
    email: 'iris.incident@demo.tollgate.local',
    groups: ['incident-response'],
    role: 'incident-commander',
  },
  {
    id: 'demo-no-access',
    name: 'Nico NoAccess',
    email: 'nico.noaccess@demo.tollgate.local',
    groups: ['marketing'],
    role: 'no mapped role',
  },
];

export const DEMO_ROLE_MAP =
  'tollgate-admins=admin,agents-admin=reviewer,security-leadership=ciso,grc-team=grc,' +
  'external-auditors=auditor,incident-response=incident-commander';
