import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { formatUtc } from '@/lib/format.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { FORMULA, FRAMEWORKS, type Framework } from '@/lib/posture/score.ts';
import { evaluatePosture } from '@/lib/posture/snapshot.ts';
import { Score } from './_components/status-badge.tsx';
import './posture.css';
import { parseSort, sortRows } from '@/components/data-table/url-state.ts';
import type { ControlResult, ControlStatus } from '@/lib/posture/types.ts';
import { ControlsTable, SectionsTable } from './_components/posture-tables.tsx';
import { AiFrameworks } from './_components/ai-frameworks.tsx';

export const metadata: Metadata = { title: 'Posture' };
export const dynamic = 'force-dynamic';

// The columns the controls list sorts by (ids of its columns); kept here since a server component reads a
// client module's exports only as references. Status sorts worst first.
const CONTROL_SORTS = ['control', 'level', 'status', 'score'] as const;
const STATUS_ORDER: ControlStatus[] = ['fail', 'stale', 'partial', 'not_assessed', 'pass', 'not_applicable'];

function sortValue(c: ControlResult, key: string) {
  if (key === 'level') return c.level;
  if (key === 'status') return STATUS_ORDER.indexOf(c.status);
  if (key === 'score') return c.score;
  return c.id;
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PosturePage({ searchParams }: Props) {
  const { db, workspace: current } = await workspacePage('posture:read');
  if (!current)
    return <PageHeader title="Posture" description="No workspace yet. An administrator adds one in Settings." />;
  const now = new Date();
  const p = await evaluatePosture(db, current.id, now);
  const params = await searchParams;
  return (
    <>
      <PageHeader
        title="Posture"
        description={[
          `${current.name} against the ${CATALOGUE.guide} ${CATALOGUE.version},`,
          `evaluated ${formatUtc(now)} from Tollgate’s records and attestations.`,
        ].join(' ')}
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
        <SectionsTable rows={p.sections} />
      </section>
      <section className="panel" aria-labelledby="ai-frameworks-title">
        <h2 id="ai-frameworks-title">AI-governance frameworks</h2>
        <AiFrameworks frameworks={p.frameworks} />
      </section>
      <section className="panel" aria-labelledby="controls-title">
        <h2 id="controls-title">Controls</h2>
        <ControlsTable
          rows={sortRows(p.controls, parseSort(params, CONTROL_SORTS), sortValue).map((c) => ({
            id: c.id,
            title: c.title,
            level: c.level,
            status: c.status,
            score: c.score,
            why: `${c.reasons[0] ?? ''}${c.reasons.length > 1 ? ` (+${c.reasons.length - 1} more)` : ''}`,
            next: c.next,
          }))}
        />
      </section>
    </>
  );
}
