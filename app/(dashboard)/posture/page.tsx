import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { formatUtc } from '@/lib/format.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { FORMULA, FRAMEWORKS, type Framework } from '@/lib/posture/score.ts';
import { evaluatePosture } from '@/lib/posture/snapshot.ts';
import { ControlStatusBadge, Score } from './_components/status-badge.tsx';
import './posture.css';
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';

export const metadata: Metadata = { title: 'Posture' };
export const dynamic = 'force-dynamic';

export default async function PosturePage() {
  const { db, workspace: current } = await workspacePage('posture:read');
  if (!current)
    return <PageHeader title="Posture" description="No workspace yet. An administrator adds one in Settings." />;
  const now = new Date();
  const p = await evaluatePosture(db, current.id, now);
  return (
    <>
      <PageHeader
        title="Posture"
        description={`${current.name} against the ${CATALOGUE.guide} ${CATALOGUE.version}, evaluated ${formatUtc(now)} from Tollgate’s records and attestations.`}
        actions={
          <Link className="button" href="/posture/attestations">
            Attestations
          </Link>
        }
      />
      <section className="panel score-cards" aria-label="Scores">
        <div className="score-card">
          <div className="muted small">Overall</div>
          <Score value={p.overall} />
        </div>
        {(['L1', 'L2', 'L3'] as const).map((l) => (
          <div key={l} className="score-card">
            <div className="muted small">{l}</div>
            <Score value={p.levels[l]} />
          </div>
        ))}
        <div className="score-card">
          <div className="muted small">L1 complete?</div>
          <span className={`state ${p.l1Complete ? 'state-mitigated' : 'state-exposed'}`}>
            {p.l1Complete ? 'Yes' : 'No'}
          </span>
        </div>
        {(Object.keys(FRAMEWORKS) as Framework[]).map((f) => (
          <div key={f} className="score-card">
            <div className="muted small">{FRAMEWORKS[f]}</div>
            <Score value={p.frameworks[f].score} />
          </div>
        ))}
        <p className="small muted formula">{FORMULA}</p>
      </section>
      <section className="panel" aria-labelledby="sections-title">
        <h2 id="sections-title">Sections</h2>
        <table className="table">
          <thead>
            <tr>
              <th>Section</th>
              <th className="num">Score</th>
            </tr>
          </thead>
          <tbody>
            {p.sections.map((s) => (
              <tr key={s.section}>
                <td>
                  {s.section}. {s.title}
                </td>
                <td className="num">
                  <Score value={s.score} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="controls-title">
        <h2 id="controls-title">Controls</h2>
        <ScrollRegion label="Controls table">
          <table className="table">
            <thead>
              <tr>
                <th>Control</th>
                <th>Level</th>
                <th>Status</th>
                <th className="num">Score</th>
                <th>Why</th>
                <th>Next step</th>
              </tr>
            </thead>
            <tbody>
              {p.controls.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link href={`/posture/${c.id}`}>
                      {c.id} {c.title}
                    </Link>
                  </td>
                  <td>{c.level ?? '—'}</td>
                  <td>
                    <ControlStatusBadge status={c.status} />
                  </td>
                  <td className="num">
                    <Score value={c.score} />
                  </td>
                  <td className="small">
                    {c.reasons[0]}
                    {c.reasons.length > 1 ? ` (+${c.reasons.length - 1} more)` : ''}
                  </td>
                  <td className="small">{c.next ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    </>
  );
}
