import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { can } from '@/lib/auth/permissions.ts';
import { formatUtc } from '@/lib/format.ts';
import {
  attestableControls,
  attestationStatus,
  latestExpiry,
  MAX_ATTESTATION_DAYS,
} from '@/lib/posture/attestation-state.ts';
import { notApplicableControls } from '@/lib/posture/facts.ts';
import { MAX_ATTACHMENT_BYTES } from '@/lib/attachments/limits.ts';
import { listAttestations, type AttestationView } from '@/lib/posture/attestations.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { AttestForm } from './_components/attest-form.tsx';
import { AttestationEvidence } from './_components/attestation-evidence.tsx';
import { EarlierAttestations } from './_components/earlier-attestations.tsx';
import { RevokeForm } from './_components/revoke-form.tsx';
import { AttestationStatusBadge } from './_components/status-badge.tsx';
import { AttestationsTable } from './_components/attestations-table.tsx';

export const metadata: Metadata = { title: 'Attestations' };

const DESCRIPTION = [
  'Controls of the hardening guide that are assessed by attestation: a named person attests with evidence and an',
  `expiry at most ${MAX_ATTESTATION_DAYS} days away (UTC); from its expiry on, the attestation is stale.`,
].join(' ');
const DAY_MS = 86_400_000;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function Breadcrumb() {
  return (
    <p className="breadcrumb small">
      <Link href="/posture">Posture</Link> / Attestations
    </p>
  );
}

export default async function AttestationsPage() {
  const { actor: user, db, workspace: current } = await workspacePage('posture:read');
  if (!current) {
    return (
      <>
        <Breadcrumb />
        <PageHeader title="Attestations" description="No workspace yet. An administrator adds one in Settings." />
      </>
    );
  }
  const now = new Date();
  const attestable = attestableControls(CATALOGUE.controls);
  const controls = CATALOGUE.controls.filter((c) => attestable.has(c.id));
  const byControl = new Map<string, AttestationView[]>();
  for (const a of await listAttestations(db, current.id))
    byControl.set(a.controlId, [...(byControl.get(a.controlId) ?? []), a]);
  const rows = controls.map((control) => {
    const all = byControl.get(control.id) ?? [];
    const state = attestationStatus(all, now);
    return { control, state, earlier: all.filter((a) => a !== state.current) };
  });
  const notApplicable = await notApplicableControls(db, current.id, now);
  const mayWrite = can(user.roles, 'attestations:write');
  const count = (s: string) => rows.filter((r) => r.state.status === s).length;
  // Expiry days are 00:00 UTC: tomorrow is the first after now, today + 90 days the last within 90 × 24 h.
  const minDay = isoDay(new Date(now.getTime() + DAY_MS));
  const maxDay = isoDay(latestExpiry(now));

  return (
    <>
      <Breadcrumb />
      <PageHeader title="Attestations" description={DESCRIPTION} />

      <section className="panel" aria-labelledby="summary-title">
        <h2 id="summary-title">{current.name}</h2>
        <p>
          <span className="state state-mitigated">{count('valid')} valid</span>{' '}
          <span className="state state-exposed">{count('stale')} stale</span>{' '}
          <span className="state state-none">{count('none')} none</span>{' '}
          <span className="small muted">of {controls.length} controls assessed by attestation.</span>
        </p>
        {!mayWrite && <p className="small muted">Attesting needs the attestations:write permission (GRC).</p>}
      </section>

      <section className="panel" aria-labelledby="controls-title">
        <h2 id="controls-title">Controls</h2>
        {controls.length === 0 ? (
          <p className="muted">The catalogue has no control assessed by attestation.</p>
        ) : (
          <AttestationsTable
            rows={rows.map(({ control, state, earlier }) => {
              const a = state.current;
              const exception = notApplicable.has(control.id) && !a ? notApplicable.get(control.id)! : null;
              return {
                controlId: control.id,
                title: control.title,
                alsoAutomatic: control.assessment === 'both',
                level: control.level ?? null,
                statusText: exception ? 'not applicable' : state.status,
                status: exception ? (
                  <Link href={`/exceptions/${exception.id}`} className="state state-accepted">
                    Not applicable (exception)
                  </Link>
                ) : (
                  <AttestationStatusBadge status={state.status} expiresAt={state.expiresAt} />
                ),
                attestedBy: a?.attestedBy ?? null,
                attestedAt: a ? formatUtc(a.attestedAt) : null,
                statement: a?.statement ?? null,
                evidence: a ? (
                  <AttestationEvidence attestation={a} workspaceId={current.id} />
                ) : (
                  <span className="muted">—</span>
                ),
                more:
                  earlier.length > 0 || mayWrite ? (
                    <>
                      {earlier.length > 0 && (
                        <EarlierAttestations controlId={control.id} attestations={earlier} workspaceId={current.id} />
                      )}
                      {mayWrite && (
                        <details>
                          <summary>
                            Attest control {control.id}
                            {a ? ' again' : ''}
                          </summary>
                          <AttestForm
                            workspaceId={current.id}
                            controlId={control.id}
                            title={control.title}
                            minDay={minDay}
                            maxDay={maxDay}
                            maxBytes={MAX_ATTACHMENT_BYTES}
                          />
                        </details>
                      )}
                      {mayWrite && a && (
                        <details>
                          <summary>Revoke the current attestation</summary>
                          <RevokeForm workspaceId={current.id} attestationId={a.id} controlId={control.id} />
                        </details>
                      )}
                    </>
                  ) : null,
              };
            })}
          />
        )}
      </section>
    </>
  );
}
