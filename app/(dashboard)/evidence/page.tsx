import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { loadSigningKey } from '@/lib/audit/signing.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { evidenceOverview } from '@/lib/evidence/queries.ts';
import { formatUtc } from '@/lib/format.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { PACK_FRAMEWORKS, packFrameworkLabel } from '@/lib/evidence/scope.ts';
import type { PackFramework } from '@/lib/evidence/types.ts';
import { resolveDataDir } from '@/lib/runtime/data-dir.ts';
import { OscalForm } from './_components/oscal-form.tsx';
import { PackForm } from './_components/pack-form.tsx';
import { type ProducedRow, RecentTable } from './_components/recent-table.tsx';

export const metadata: Metadata = { title: 'Evidence' };

const DESCRIPTION = [
  'Signed evidence packs for auditors, per framework or control and period, and the OSCAL assessment results —',
  "as of the period's end, or, for a period still running, as of the moment you generate them.",
].join(' ');

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export default async function EvidencePage() {
  const { db, workspace: current } = await workspacePage('evidence:download');
  const header = <PageHeader title="Evidence" description={DESCRIPTION} />;
  if (!current)
    return (
      <>
        {header}
        <p className="muted">No workspace yet: add one in Settings.</p>
      </>
    );
  const key = loadSigningKey(resolveDataDir());
  const [first, recent] = await evidenceOverview(db, current.id);
  const today = new Date(Math.floor(Date.now() / DAY) * DAY);
  // The last 30 days, today included: a running period speaks for the moment the pack is generated.
  const defaults = { from: isoDay(new Date(today.getTime() - 30 * DAY)), to: isoDay(new Date(today.getTime() + DAY)) };
  const frameworks = [
    ...PACK_FRAMEWORKS.map((value) => ({ value, label: packFrameworkLabel(value) })),
    { value: 'all', label: 'The whole programme' },
  ];
  const controls = CATALOGUE.controls.map((c) => ({ id: c.id, title: c.title }));
  return (
    <>
      {header}
      <div className="grid-2">
        <section className="panel" aria-labelledby="pack-title">
          <h2 id="pack-title">Evidence pack</h2>
          <p className="small muted">
            A ZIP with the report (HTML and PDF), every evidence set as CSV and JSON, the OSCAL results,{' '}
            <code>manifest.json</code> (each file&rsquo;s SHA-256) and <code>signature.json</code> (Ed25519 over the
            manifest). Two packs of the same ended period give the same manifest. Check a pack with{' '}
            <code>tollgate evidence verify PACK.zip</code>.
          </p>
          <PackForm workspaceId={current.id} frameworks={frameworks} controls={controls} defaults={defaults} />
          <p className="small muted">
            Periods are [from, to) in UTC. A pack of an ended period speaks for its end, with the posture of the latest
            snapshot before it{first ? <> (the first is from {formatUtc(first.at)})</> : null}; a pack of a running
            period covers everything recorded up to the moment it is generated, with the posture evaluated then, and
            says so (<code>asOf</code> in <code>manifest.json</code>).
          </p>
        </section>
        <section className="panel" aria-labelledby="oscal-title">
          <h2 id="oscal-title">OSCAL assessment results</h2>
          <p className="small muted">
            NIST OSCAL 1.0.4 <code>assessment-results</code> JSON for GRC tools: reviewed controls, observations
            (attestations with their expiry), a finding per control and a risk per exposed trifecta agent. Control ids
            read <code>chatgpt-ent-6.4</code>.
          </p>
          <OscalForm workspaceId={current.id} defaults={defaults} />
          <h3>Signing key</h3>
          <p className="small">
            Key <code className="hash">{key.keyId}</code> — the public key is in every <code>signature.json</code> and
            in <Link href="/settings">Settings</Link>.
          </p>
        </section>
      </div>
      <section className="panel" aria-labelledby="recent-title">
        <h2 id="recent-title">Recently produced</h2>
        {recent.length === 0 ? (
          <p className="small muted">No pack or OSCAL export yet.</p>
        ) : (
          <RecentTable rows={recent.map(producedRow)} />
        )}
      </section>
    </>
  );
}

type Produced = { seq: bigint | number; at: Date; actorLabel: string; action: string; diff: unknown };

/** An audit event of a pack or an OSCAL export, as a row: what it covered and its manifest hash. */
function producedRow(e: Produced): ProducedRow {
  const d = e.diff as {
    scope?: { framework: string; controlId?: string };
    period?: { from: string; to: string };
    manifestSha256?: string;
  };
  const framework = d.scope?.framework;
  const scope = d.scope?.controlId
    ? `control ${d.scope.controlId}`
    : framework === 'all'
      ? 'whole programme'
      : framework && (PACK_FRAMEWORKS as readonly string[]).includes(framework)
        ? packFrameworkLabel(framework as PackFramework)
        : framework;
  return {
    seq: String(e.seq),
    at: formatUtc(e.at),
    by: e.actorLabel,
    what: e.action === 'evidence.oscal' ? 'OSCAL results' : `Pack: ${scope}`,
    period: d.period ? `${d.period.from.slice(0, 10)} → ${d.period.to.slice(0, 10)}` : '',
    manifest: d.manifestSha256 ?? null,
  };
}
