// `tollgate posture [--json] [--workspace ID]`: the posture evaluated now, per control of the hardening guide.
import { resolveWorkspace } from '@/lib/workspaces/service.ts';
import { evaluatePosture } from '@/lib/posture/snapshot.ts';
import { withDatabase } from './context.ts';
import { FRAMEWORK_KEYS } from '@/lib/frameworks/catalogues.ts';

export async function postureCommand(options: { json: boolean; workspace?: string }): Promise<number> {
  return withDatabase(async ({ db }) => {
    const ws = await resolveWorkspace(db, options.workspace);
    const p = await evaluatePosture(db, ws.id, new Date());
    if (options.json) {
      console.log(
        JSON.stringify({
          overall: p.overall,
          levels: p.levels,
          frameworks: {
            soc2: p.frameworks.soc2.score,
            nist_800_53: p.frameworks.nist_800_53.score,
            cis: p.frameworks.cis.score,
            gdpr: p.frameworks.gdpr.score,
            ...Object.fromEntries(FRAMEWORK_KEYS.map((k) => [k, p.frameworks[k].score])),
          },
          // The AI-governance frameworks' items: how many have anything mapped and scored (the rest: not assessed).
          coverage: Object.fromEntries(
            FRAMEWORK_KEYS.map((k) => [k, { assessed: p.frameworks[k].assessed, items: p.frameworks[k].total }]),
          ),
          controls: p.controls.map((c) => ({
            id: c.id,
            title: c.title,
            level: c.level,
            status: c.status,
            score: c.score,
            reasons: c.reasons,
          })),
        }),
      );
      return 0;
    }
    console.log(
      `Overall ${p.overall ?? '—'} · L1 ${p.levels.L1 ?? '—'} · L2 ${p.levels.L2 ?? '—'} · ` +
        `L3 ${p.levels.L3 ?? '—'} · L1 complete: ${p.l1Complete ? 'yes' : 'no'}`,
    );
    for (const k of FRAMEWORK_KEYS) {
      const f = p.frameworks[k];
      console.log(`${k.padEnd(14)}${String(f.score ?? '—').padStart(5)}  ${f.assessed} of ${f.total} items assessed`);
    }
    for (const c of p.controls)
      console.log(
        `${c.id.padEnd(5)}${(c.level ?? '—').padEnd(4)}${c.status.padEnd(16)}` +
          `${String(c.score ?? 'n/a').padStart(5)}  ${c.title}`,
      );
    return 0;
  });
}
