// The GPT findings as drafts of the findings pipeline (pure): keys, controls, subject, first owner, and what the
// roster and the logs' reach decide.
import { describe, expect, it } from 'vitest';
import { DEFAULT_GPT_POLICY } from '@/lib/gpts/policy.ts';
import { gptFindingDrafts, type SnapshotGpt } from './gpt.ts';
import type { SnapshotMember } from './types.ts';

const now = new Date('2026-12-06T12:00:00Z');
const gpt = (over: Partial<SnapshotGpt['gpt']> = {}): SnapshotGpt => ({
  gptId: 'g-1',
  name: 'Board deck helper',
  gpt: {
    id: 'g-1',
    owner: { id: 'u-1', email: 'Hana.Sato@acme.example' },
    sharing: { visibility: 'gpt_store', recipients: [] },
    capabilities: [],
    actions: [],
    files: [{ id: 'file-1', name: 'salaries.xlsx', mimeType: null, size: null }],
    ...over,
  },
  fileClassifications: [],
  useCase: 'Turns board notes into slides.',
  lastUsedAt: null,
});
const member = (email: string, status = 'active'): SnapshotMember => ({
  id: email,
  email,
  name: null,
  workspaceRole: 'member',
  status,
  groups: [],
  directAgentRoles: [],
  attestedAt: null,
});
const drafts = (list: SnapshotGpt[], members: SnapshotMember[] = [], logsFrom: string | null = null) =>
  gptFindingDrafts({ policy: DEFAULT_GPT_POLICY, list, logsFrom }, members, now);

describe('GPT finding drafts', () => {
  it('key by kind, GPT and part, bear on 3.1 or 3.2, and are first owned by the GPT’s owner', () => {
    expect(drafts([gpt()]).map((d) => [d.key, d.control, d.subjectLabel, d.owner])).toEqual([
      ['gpt-shared-beyond-policy:g-1', '3.1', 'Board deck helper', 'hana.sato@acme.example'],
      ['gpt-file-unclassified:g-1:file:file-1', '3.2', 'Board deck helper', 'hana.sato@acme.example'],
    ]);
  });

  it('judge the owner against the active roster once imported; a departed owner’s finding starts unowned', () => {
    expect(drafts([gpt()]).some((d) => d.kind === 'gpt-owner-not-on-roster')).toBe(false);
    const left = drafts([gpt()], [member('hana.sato@acme.example', 'deactivated'), member('x@acme.example')]);
    expect(left.find((d) => d.kind === 'gpt-owner-not-on-roster')).toMatchObject({
      key: 'gpt-owner-not-on-roster:g-1',
      owner: null,
    });
    expect(drafts([gpt()], [member('hana.sato@acme.example')]).some((d) => d.kind === 'gpt-owner-not-on-roster')).toBe(
      false,
    );
  });

  it('judge disuse only when the logs reach back 90 days', () => {
    const unused = (logsFrom: string | null) => drafts([gpt()], [], logsFrom).some((d) => d.kind === 'gpt-unused');
    expect(unused(null)).toBe(false);
    expect(unused('2026-11-01T00:00:00Z')).toBe(false);
    expect(unused('2026-06-01T00:00:00Z')).toBe(true);
  });
});
