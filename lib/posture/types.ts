// Posture shapes (issue 7), pure. A control is evaluated from checks (automated) and/or an attestation.

export type Level = 'L1' | 'L2' | 'L3';
export type Assessment = 'automated' | 'attested' | 'both';

export type ControlDef = {
  id: string;
  title: string;
  section: number;
  sectionTitle: string;
  level: Level | null;
  cis: string[];
  nist: string[];
  soc2: string[];
  gdpr: string[];
  assessment: Assessment;
};

/** A record behind a check, linked where Tollgate has a page for it. */
export type EvidenceRecord = { label: string; href: string | null };

/**
 * A check over a fleet (agents, members, log types, checklist steps) scores the share of it that passes, so the
 * score moves with every agent that becomes exposed; `of` names the ratio in words ("agents not exposed ÷ agents").
 */
export type Share = { passing: number; total: number; of: string };

/** `met` when nothing fails it; a check with a share scores passing ÷ total, any other 1 when met, else 0. */
export type Check = {
  id: string;
  label: string;
  met: boolean;
  detail: string;
  records: EvidenceRecord[];
  share?: Share;
};

export type ControlStatus = 'pass' | 'partial' | 'fail' | 'stale' | 'not_assessed' | 'not_applicable';

export type ControlResult = {
  id: string;
  title: string;
  section: number;
  level: Level | null;
  status: ControlStatus;
  /**
   * 100 × the mean of its checks' scores (lib/posture/score.ts); 0 for fail, stale and not assessed; null when not
   * applicable.
   */
  score: number | null;
  checks: Check[];
  /** Why the control has its status, in words. */
  reasons: string[];
  /** What to do next; null when it passes. */
  next: string | null;
};

export type FindingFact = {
  key: string;
  kind: string;
  control: string;
  status: 'open' | 'excepted' | 'resolved';
  label: string;
  href: string | null;
  message: string;
  /** The GPT, member, role… it is about (the framework checks count GPTs with a finding). */
  subjectId?: string;
};
/**
 * How many agents are in a state, and the first of them (by name) to link: counted in SQL, whatever the fleet's size.
 */
export type AgentCount = { count: number; sample: EvidenceRecord[] };
/** `total`: agents not deleted (the population exposure is counted over); `published`: those published. */
export type AgentFacts = {
  total: number;
  published: number;
  exposed: AgentCount;
  ungated: AgentCount;
  unapproved: AgentCount;
};
export type AttestationFact = { status: 'valid' | 'stale' | 'none'; attestedBy: string | null; expiresAt: Date | null };

/** Everything the automated rules read, gathered once per evaluation (lib/posture/facts.ts). */
export type PostureFacts = {
  now: Date;
  findings: FindingFact[];
  scim: { activeTokens: number; activeMembers: number; scimMembers: number; notFromScim: EvidenceRecord[] };
  agents: AgentFacts;
  /** The sizes of the fleets findings are about: apps in the observed action control, active admins and owners. */
  fleets: { apps: number; admins: number };
  /** The workspace's custom GPTs still listed, and the GPT policy in force (absent: none read, the default policy). */
  gpts?: { total: number; policyVersion: number; thirdPartyGpts: string };
  firstUseRule: boolean;
  runbook: { configured: boolean; missing: string[] };
  lastDrill: { at: Date; minutes: number | null; href: string } | null;
  logs: { configured: boolean; types: { logType: string; status: 'live' | 'stale' | 'never' }[] };
  checklist: { step: number; title: string; status: 'signed' | 'stale' | 'missing' }[];
  attestations: ReadonlyMap<string, AttestationFact>;
  /**
   * Tollgate's checks that are not controls (GPT finding kinds, rules, campaigns, platform actions), by check id
   * (lib/frameworks/checks.ts): how much of each one's population passes. Absent: the framework items they map to
   * are scored from their controls alone.
   */
  checks?: Readonly<Record<string, Share>>;
  /** Controls an approved exception in force declares not applicable, with the exception. */
  notApplicable: ReadonlyMap<string, { id: string; title: string }>;
};
