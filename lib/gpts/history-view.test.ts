import { describe, expect, it } from 'vitest';
import { gptConfigHash } from '@/lib/gpts/config-hash.ts';
import { type HistoryVersion, pickVersions, sinceApproval } from '@/lib/gpts/history-view.ts';
import type { Gpt, GptCapability, GptConfig, GptSharing } from '@/lib/gpts/types.ts';

const sharing: GptSharing = { visibility: 'workspace', recipients: [] };
const config = (id: string, capabilities: GptCapability[]): GptConfig => ({
  configId: id,
  configCreatedAt: null,
  name: 'Helper',
  description: null,
  capabilities,
  actions: [],
  files: [],
  apps: [],
});
const version = (id: string, day: number, capabilities: GptCapability[]): HistoryVersion => {
  const c = { ...config(id, capabilities), configCreatedAt: `2026-11-0${day}T00:00:00.000Z` };
  return { configId: id, configCreatedAt: c.configCreatedAt, riskHash: gptConfigHash({ ...c, sharing }), config: c };
};
const V = [version('v1', 1, ['canvas']), version('v2', 2, ['canvas', 'memory']), version('v3', 3, ['web_browsing'])];
const gptAt = (v: HistoryVersion): Gpt => ({
  ...v.config,
  id: 'g-1',
  owner: null,
  createdAt: null,
  updatedAt: null,
  sharing,
});

describe('pickVersions', () => {
  it('compares the two latest by default, and any two picked', () => {
    const latest = pickVersions(V)!;
    expect([latest.before.configId, latest.after.configId]).toEqual(['v2', 'v3']);
    expect(latest.changes.map((c) => `${c.change} ${c.subject}`)).toEqual([
      'removed canvas',
      'removed memory',
      'added web_browsing',
    ]);
    const picked = pickVersions(V, 'v1', 'v2')!;
    expect(picked.changes.map((c) => `${c.change} ${c.subject}`)).toEqual(['added memory']);
  });
  it('falls back from unknown ids and needs two versions', () => {
    expect(pickVersions(V, 'nope', 'v1')!.before.configId).toBe('v3');
    expect(pickVersions(V.slice(0, 1))).toBeNull();
  });
});

describe('sinceApproval', () => {
  it('names the approved version to restore and what changed since', () => {
    const now = gptAt(V[2]!);
    const since = sinceApproval(V, now, V[2]!.riskHash, V[0]!.riskHash);
    expect(since.current).toBe(false);
    expect(since.rollback?.configId).toBe('v1');
    expect(since.changes!.map((c) => `${c.change} ${c.subject}`)).toEqual(['removed canvas', 'added web_browsing']);
  });
  it('finds an approved version by recomputing its hash when the stored one differs', () => {
    const stale = V.map((v) => ({ ...v, riskHash: `old-${v.configId}` }));
    expect(sinceApproval(stale, gptAt(V[2]!), 'x', V[1]!.riskHash).rollback?.configId).toBe('v2');
  });
  it('says when the GPT still has the approved configuration, or the approved one is not stored', () => {
    expect(sinceApproval(V, gptAt(V[2]!), 'h', 'h')).toMatchObject({ current: true, changes: [] });
    expect(sinceApproval(V, gptAt(V[2]!), 'h', 'unknown')).toMatchObject({ rollback: null, changes: null });
  });
});
