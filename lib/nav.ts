// The dashboard's sections, each behind the permission that reads it. Later issues fill the pages.
import type { Permission } from './auth/permissions.ts';

export type NavItem = { href: string; label: string; permission: Permission; purpose: string };

export const NAV: NavItem[] = [
  {
    href: '/',
    label: 'Overview',
    permission: 'overview:read',
    purpose: 'Where the deployment stands: trifecta agents, open findings, alerts and posture at a glance.',
  },
  {
    href: '/agents',
    label: 'Agents',
    permission: 'agents:read',
    purpose: 'The workspace agent inventory with each agent’s connectors, trifecta parts and risk state.',
  },
  {
    href: '/reviews',
    label: 'Reviews',
    permission: 'reviews:read',
    purpose: 'The publish review queue, approval policy, pre-launch checklist and published register.',
  },
  {
    href: '/roles',
    label: 'Roles',
    permission: 'roles:read',
    purpose: 'The workspace roster and the agent role matrix (guide 6.1) against the approved baseline.',
  },
  {
    href: '/apps',
    label: 'Apps',
    permission: 'apps:read',
    purpose:
      'The app catalogue: what each app brings to the trifecta, its actions ' +
      'and approval categories, apps that need classification, and the GPT policy.',
  },
  {
    href: '/findings',
    label: 'Findings',
    permission: 'findings:read',
    purpose:
      'Departures of the workspace from the approved baseline and the guide, with owner, due date and exception.',
  },
  {
    href: '/exceptions',
    label: 'Exceptions',
    permission: 'exceptions:read',
    purpose: 'CAB exceptions: requested, approved and expiring acceptances of findings.',
  },
  {
    href: '/campaigns',
    label: 'Access reviews',
    permission: 'campaigns:read',
    purpose:
      'Access-review campaigns: agent roles, ownership and GPT sharing reviewed by named people, revocations tracked.',
  },
  {
    href: '/alerts',
    label: 'Alerts',
    permission: 'alerts:read',
    purpose: 'Detections from the Compliance Logs and their triage, plus log sources and freshness.',
  },
  {
    href: '/actions',
    label: 'Actions',
    permission: 'platform:read',
    purpose:
      'What Tollgate asked the platform to do (unpublish, isolate, delete), who asked and approved, and the proof.',
  },
  {
    href: '/posture',
    label: 'Posture',
    permission: 'posture:read',
    purpose: 'Scores per control of the hardening guide, per section, level and framework, with trends.',
  },
  {
    href: '/evidence',
    label: 'Evidence',
    permission: 'evidence:download',
    purpose: 'Signed evidence packs per framework and period, and the OSCAL assessment-results export.',
  },
  {
    href: '/audit',
    label: 'Audit log',
    permission: 'audit:read',
    purpose: 'Every change made through Tollgate, hash-chained and signed.',
  },
  {
    href: '/settings',
    label: 'Settings',
    permission: 'settings:read',
    purpose: 'Workspaces, sign-in configuration, sessions and the audit signing key.',
  },
  {
    href: '/settings/api-tokens',
    label: 'API tokens',
    permission: 'api-tokens:manage',
    purpose: 'Your bearer tokens for the REST API, and its reference (every operation and its permission).',
  },
];
