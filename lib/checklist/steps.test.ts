import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsePack } from '@/lib/packs/jsonc.ts';
import { agentSteps, CHECKLIST_VERSION, SIGNOFF_VALID_DAYS, STEPS, workspaceChecklist } from './steps.ts';

const shipped = readFileSync(
  new URL('../packs/fixtures/hth-chatgpt-enterprise-6.07-prelaunch-checklist.jsonc', import.meta.url),
  'utf8',
);
const packSchema = z.object({
  checklist_version: z.string(),
  steps: z.array(
    z.object({ id: z.number().int(), name: z.string(), description: z.string(), evidence_required: z.string() }),
  ),
});

const DAY = 86_400_000;
const t0 = new Date('2026-03-02T09:00:00Z');
const at = (days: number, ms = 0) => new Date(t0.getTime() + days * DAY + ms);

describe('6.07 pre-launch checklist', () => {
  it('has the pack’s version and steps', () => {
    const pack = parsePack(shipped, packSchema);
    expect(CHECKLIST_VERSION).toBe(pack.checklist_version);
    expect(
      STEPS.map(({ id, name, description, evidenceRequired }) => ({
        id,
        name,
        description,
        evidence_required: evidenceRequired,
      })),
    ).toEqual(pack.steps);
    expect(STEPS.every((s) => s.title.length > 0)).toBe(true);
  });

  it('counts a sign-off for 90 days: signed 1 ms before, stale exactly at 90 days', () => {
    expect(SIGNOFF_VALID_DAYS).toBe(90);
    const signoffs = [{ step: 1, signedAt: t0 }];
    const before = workspaceChecklist(signoffs, at(90, -1)).steps[0]!;
    expect(before).toMatchObject({ step: 1, status: 'signed', expiresAt: at(90) });
    expect(workspaceChecklist(signoffs, at(90)).steps[0]!.status).toBe('stale');
    expect(workspaceChecklist(signoffs, at(91)).steps[0]).toMatchObject({
      status: 'stale',
      latest: signoffs[0],
      expiresAt: at(90),
    });
  });

  it('judges a step by its newest sign-off and keeps the older ones, newest first', () => {
    const old = { step: 2, signedAt: at(0) };
    const mid = { step: 2, signedAt: at(50) };
    const recent = { step: 2, signedAt: at(100) };
    const s = workspaceChecklist([old, recent, mid], at(120)).steps[1]!;
    expect(s).toMatchObject({ step: 2, status: 'signed', latest: recent, earlier: [mid, old], expiresAt: at(190) });
  });

  it('is complete only when all six steps are signed and current', () => {
    const none = workspaceChecklist([], t0);
    expect(none.steps.map((s) => s.status)).toEqual(['missing', 'missing', 'missing', 'missing', 'missing', 'missing']);
    expect(none).toMatchObject({ signed: 0, complete: false });
    const all = STEPS.map((s) => ({ step: s.id, signedAt: at(s.id) }));
    expect(workspaceChecklist(all, at(10))).toMatchObject({ signed: 6, complete: true });
    // Step 1 was signed first, so it goes stale first.
    const later = workspaceChecklist(all, at(91));
    expect(later).toMatchObject({ signed: 5, complete: false });
    expect(later.steps[0]!.status).toBe('stale');
    expect(workspaceChecklist(all.slice(1), at(10))).toMatchObject({ signed: 5, complete: false });
  });

  it('applies steps 1–3 to every agent, 4 with skills, 5 with a custom MCP server, 6 on Slack', () => {
    const none = { hasSkills: false, usesCustomMcp: false, deployedToSlack: false };
    expect(agentSteps(none)).toEqual([1, 2, 3]);
    expect(agentSteps({ ...none, hasSkills: true })).toEqual([1, 2, 3, 4]);
    expect(agentSteps({ ...none, usesCustomMcp: true })).toEqual([1, 2, 3, 5]);
    expect(agentSteps({ ...none, deployedToSlack: true })).toEqual([1, 2, 3, 6]);
    expect(agentSteps({ hasSkills: true, usesCustomMcp: true, deployedToSlack: true })).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
