import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import type { Assessment } from '@/lib/posture/types.ts';
import { checkFormula, checkScore, FORMULA } from '@/lib/posture/score.ts';
import { evaluatePosture } from '@/lib/posture/snapshot.ts';
import { ControlStatusBadge, Score } from '@/app/(dashboard)/posture/_components/status-badge.tsx';
import '@/app/(dashboard)/posture/posture.css';

export const metadata: Metadata = { title: 'Control' };
export const dynamic = 'force-dynamic';

const HOW: Record<Assessment, string> = {
  automated: 'checked from Tollgate’s records',
  attested: 'attested by a named person',
  both: 'checked from records and attested',
};

export default async function ControlPage({ params }: { params: Promise<{ controlId: string }> }) {
  const { db, workspace: current } = await workspacePage('posture:read');
  if (!current) notFound();
  const id = decodeURIComponent((await params).controlId);
  const def = CATALOGUE.controls.find((c) => c.id === id);
  if (!def) notFound();
  const c = (await evaluatePosture(db, current.id, new Date())).controls.find((x) => x.id === id)!;
  const terms = c.checks.map((k) => Math.round(1000 * checkScore(k)) / 1000).join(' + ');
  return (
    <>
      <p className="breadcrumb small">
        <Link href="/posture">Posture</Link> / {def.id}
      </p>
      <PageHeader
        title={`${def.id} ${def.title}`}
        description={[
          `Section ${def.section}: ${def.sectionTitle}`,
          def.level ?? 'no profile level',
          HOW[def.assessment],
        ].join(' · ')}
        actions={
          <>
            <ControlStatusBadge status={c.status} /> <Score value={c.score} />
          </>
        }
      />
      <section className="panel" aria-labelledby="checks-title">
        <h2 id="checks-title">Checks</h2>
        {c.checks.length === 0 ? (
          <p className="muted">{c.reasons.join(' ')}</p>
        ) : (
          <ul className="checks">
            {c.checks.map((k) => (
              <li key={k.id}>
                <span className={`state ${k.met ? 'state-mitigated' : 'state-exposed'}`}>
                  {k.met ? 'Met' : 'Not met'}
                </span>{' '}
                <strong>{k.label}</strong> — {k.detail}
                <div className="small muted check-score">Scores {checkFormula(k)}</div>
                {k.records.length > 0 && (
                  <ul className="small">
                    {k.records.map((r, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: records in a fixed order; labels may repeat
                      <li key={i}>{r.href ? <Link href={r.href}>{r.label}</Link> : r.label}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
        {c.checks.length > 0 && (
          <p className="small muted formula">
            Score {c.score ?? 'n/a'} = 100 × ({terms}) ÷ {c.checks.length}
            {c.status === 'fail' || c.status === 'stale' || c.status === 'not_assessed'
              ? ` (${c.status.replace('_', ' ')} scores 0)`
              : ''}
            . {FORMULA}
          </p>
        )}
        {c.next && (
          <p>
            <strong>Next step:</strong> {c.next}
          </p>
        )}
      </section>
      <section className="panel" aria-labelledby="maps-title">
        <h2 id="maps-title">Framework mappings</h2>
        <dl className="facts facts-narrow">
          <dt>SOC 2</dt>
          <dd>{def.soc2.join(', ') || '—'}</dd>
          <dt>NIST 800-53</dt>
          <dd>{def.nist.join(', ') || '—'}</dd>
          <dt>CIS Controls</dt>
          <dd>{def.cis.join(', ') || '—'}</dd>
          <dt>GDPR</dt>
          <dd>{def.gdpr.join(', ') || '—'}</dd>
        </dl>
      </section>
    </>
  );
}
