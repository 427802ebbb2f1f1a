// The suspension evidence: runs newest first (at most 10, null when none), a stable SHA-256, the status before.
import { describe, expect, it } from 'vitest';
import { buildEvidence, evidenceIntact, evidenceSha256, statusBefore, type AgentRecord } from './evidence.ts';
import { parseRunbook, runbookText } from './runbook.ts';

const agent: AgentRecord = {
  id: 'a1',
  externalId: 'agt_1',
  kind: 'workspace_agent',
  name: 'Deal desk',
  ownerEmail: 'priya@acme.example',
  status: 'published',
  apps: ['Salesforce', 'Slack'],
  connectors: [{ app: 'Slack', allowedTools: ['post'], approvals: 'always', authVariant: null }],
  configHash: 'h1',
  versionId: 'v3',
  publishedConfigHash: 'h1',
  inLatestExport: true,
  effectiveState: 'exposed',
  trifecta: true,
  firstSeenAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-03-01T00:00:00Z'),
  lastEventAt: null,
};
const run = (i: number) => ({
  runId: `r${String(i).padStart(2, '0')}`,
  status: 'completed',
  startedAt: new Date(Date.UTC(2026, 2, i)),
  endedAt: new Date(Date.UTC(2026, 2, i, 0, 1)),
  invoker: { type: 'user', name: 'x@acme.example', id: null },
  failure: null,
});

describe('buildEvidence', () => {
  it('keeps the last 10 runs, newest first, with ISO times', () => {
    const e = buildEvidence(
      agent,
      Array.from({ length: 12 }, (_, i) => run(i + 1)),
    );
    expect(e.lastRuns!.map((r) => r.id)).toEqual([
      'r12',
      'r11',
      'r10',
      'r09',
      'r08',
      'r07',
      'r06',
      'r05',
      'r04',
      'r03',
    ]);
    expect(e.lastRuns![0]).toEqual({
      id: 'r12',
      status: 'completed',
      startedAt: '2026-03-12T00:00:00.000Z',
      endedAt: '2026-03-12T00:01:00.000Z',
      invoker: { type: 'user', name: 'x@acme.example', id: null },
      failure: null,
    });
    expect(e).toMatchObject({
      agentId: 'agt_1',
      name: 'Deal desk',
      owner: 'priya@acme.example',
      connectedApps: ['Salesforce', 'Slack'],
      configHash: 'h1',
      versionId: 'v3',
      snapshot: { status: 'published', id: 'a1' },
    });
  });

  it('says "no runs ingested" with null', () => {
    expect(buildEvidence(agent, []).lastRuns).toBeNull();
  });

  it('hashes canonical JSON: key order does not matter, a change does', () => {
    const e = buildEvidence(agent, [run(1)]);
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(e).reverse())));
    expect(evidenceSha256(reordered)).toBe(evidenceSha256(e));
    expect(evidenceIntact(reordered, evidenceSha256(e))).toBe(true);
    expect(evidenceIntact({ ...e, owner: 'someone@else.example' }, evidenceSha256(e))).toBe(false);
    expect(statusBefore(e)).toBe('published');
    expect(() => statusBefore({})).toThrow(/no snapshot status/);
  });
});

describe('parseRunbook', () => {
  it('requires the authority and at least one trigger, one per line', () => {
    expect(() => parseRunbook({ authority: ' ', triggers: 'x' })).toThrow(/authority is required/);
    expect(() => parseRunbook({ authority: 'IC', triggers: '\n \n' })).toThrow(/at least one triggering signal/);
    expect(parseRunbook({ authority: ' IC ', triggers: 'Trifecta (6.4)\r\n\n Sigma alert \n' })).toMatchObject({
      authority: 'IC',
      triggers: ['Trifecta (6.4)', 'Sigma alert'],
      agentsAdminChannel: null,
      drillAgentId: null,
    });
  });

  it('accepts e-mails and #channels as contacts, and nothing else', () => {
    expect(
      parseRunbook({
        authority: 'IC',
        triggers: 't',
        agentsAdminChannel: '#agents-admin',
        grcOnCall: 'grc@acme.example',
        incidentCommander: '#sec-ic',
      }),
    ).toMatchObject({
      agentsAdminChannel: '#agents-admin',
      grcOnCall: 'grc@acme.example',
      incidentCommander: '#sec-ic',
    });
    expect(() => parseRunbook({ authority: 'IC', triggers: 't', grcOnCall: 'the grc team' })).toThrow(
      'GRC on-call must be an e-mail address or a channel name starting with # (not "the grc team").',
    );
  });

  it('generates the runbook text with the console steps and what is not set', () => {
    const text = runbookText(
      {
        workspaceId: 'w',
        authority: 'agents-admin + IC',
        triggers: ['Trifecta detection (6.4)'],
        agentsAdminChannel: '#agents-admin',
        grcOnCall: null,
        incidentCommander: 'ic@acme.example',
        drillAgentId: null,
        updatedBy: 'ada',
        updatedAt: new Date('2026-03-01T00:00:00Z'),
      },
      null,
    );
    expect(text).toContain('  - agents-admin + IC');
    expect(text).toContain('  - GRC on-call: not set');
    expect(text).toContain('  - Click Suspend');
    expect(text).toContain('  - Sign in to https://chatgpt.com/admin');
    expect(text).toContain('Suspend the non-production test agent: not set');
  });
});
