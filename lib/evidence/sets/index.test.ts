// Which evidence sets a scoped pack takes: a framework's controls (the catalogue's mappings), one control, or all.
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { EVIDENCE_SETS, scopeControls, setsFor } from './index.ts';

const names = (defs: { name: string }[]) => defs.map((d) => d.name);

describe('EVIDENCE_SETS', () => {
  it('has unique file names, columns and a note for each set', () => {
    expect(new Set(names(EVIDENCE_SETS)).size).toBe(EVIDENCE_SETS.length);
    for (const def of EVIDENCE_SETS) {
      expect(def.name).toMatch(/^[a-z][a-z-]*$/);
      expect(new Set(def.columns).size, def.name).toBe(def.columns.length);
      expect(def.note.length, def.name).toBeGreaterThan(20);
      if (def.controls !== 'all')
        for (const c of def.controls)
          expect(
            CATALOGUE.controls.some((k) => k.id === c),
            `${def.name}: ${c}`,
          ).toBe(true);
    }
  });
});

describe('setsFor', () => {
  it('takes every set for the whole programme, in the stable order', () => {
    expect(names(setsFor({ framework: 'all' }))).toEqual([
      'agents',
      'role-matrix',
      'action-controls',
      'findings',
      'exceptions',
      'register',
      'review-decisions',
      'checklist',
      'suspensions',
      'platform-actions',
      'alerts',
      'attestations',
      'access-reviews',
      'audit-log',
    ]);
  });

  it('takes for SOC 2 the sets of the controls mapped to its criteria, and those for every control', () => {
    // SOC 2 maps 1.1, 1.2, 1.4, 2.2, 4.1, 6.1, 6.3 and 6.6: no action control (3.2, 6.2), checklist (6.7 alone) or
    // suspensions (6.5).
    expect(scopeControls({ framework: 'soc2' })).toEqual(['1.1', '1.2', '1.4', '2.2', '4.1', '6.1', '6.3', '6.6']);
    expect(names(setsFor({ framework: 'soc2' }))).toEqual([
      'agents',
      'role-matrix',
      'findings',
      'exceptions',
      'register',
      'review-decisions',
      'alerts',
      'attestations',
      'access-reviews',
      'audit-log',
    ]);
  });

  it('takes for 6.5 the suspensions, platform actions, agents and the sets for every control, and nothing else', () => {
    expect(names(setsFor({ framework: 'all', controlId: '6.5' }))).toEqual([
      'agents',
      'findings',
      'exceptions',
      'suspensions',
      'platform-actions',
      'audit-log',
    ]);
    // A control narrows a framework pack too.
    expect(names(setsFor({ framework: 'soc2', controlId: '6.5' }))).toEqual([
      'agents',
      'findings',
      'exceptions',
      'suspensions',
      'platform-actions',
      'audit-log',
    ]);
  });

  it('takes the action-control set for NIST 800-53 and CIS, which map 3.2 and 6.2', () => {
    expect(names(setsFor({ framework: 'nist_800_53' }))).toContain('action-controls');
    expect(names(setsFor({ framework: 'cis' }))).toContain('checklist');
    expect(names(setsFor({ framework: 'gdpr' }))).not.toContain('suspensions');
  });

  it('takes attestations only for controls that can be attested', () => {
    expect(names(setsFor({ framework: 'all', controlId: '2.2' }))).toEqual([
      'findings',
      'exceptions',
      'attestations',
      'audit-log',
    ]);
    expect(names(setsFor({ framework: 'all', controlId: '6.4' }))).not.toContain('attestations');
  });
});
