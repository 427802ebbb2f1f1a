// The page of a custom GPT (an Agent of kind custom_gpt, so it keeps the agents' URL, diagram, "what would break
// it" and states): owner, sharing, capabilities, actions with their gates, knowledge files, apps, and history.
import Link from 'next/link';
import { LegDots, StateBadge, statusLabel } from '@/components/agents/legs.tsx';
import { TrifectaDiagram } from '@/components/agents/trifecta-diagram.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TechId } from '@/components/ui/tech-id.tsx';
import { workspaceClassifier } from '@/lib/agents/classify-in-workspace.ts';
import { can, type Role } from '@/lib/auth/permissions.ts';
import { LEGS } from '@/lib/apps/legs.ts';
import type { PageContext } from '@/lib/http/workspace-page.ts';
import { formatUtc } from '@/lib/format.ts';
import { unknownActionKeys } from '@/lib/gpts/action-review.ts';
import { actionReviews } from '@/lib/gpts/action-review-queries.ts';
import type { GptClassification } from '@/lib/gpts/legs.ts';
import { isFileClassification } from '@/lib/gpts/file-class.ts';
import { configFirstSeen, gptParts } from '@/lib/gpts/history-words.ts';
import type { FileClassification } from '@/lib/gpts/findings.ts';
import { fileClassifications, gptUseCases } from '@/lib/gpts/policy-queries.ts';
import { gptWithVersions, latestGptApproval } from '@/lib/gpts/queries.ts';
import { GPT_CAPABILITIES, GPT_CAPABILITY_LABELS, GPT_VISIBILITY_LABELS } from '@/lib/gpts/types.ts';
import { ownerStanding } from '@/lib/roster/orphans.ts';
import { trifectaView } from '@/lib/trifecta/explain.ts';
import { BreakAdvice } from './break-advice.tsx';
import { GptActions } from './gpt-actions.tsx';
import { GptHistory } from './gpt-history.tsx';
import { GptSourcesTable, KnowledgeFilesTable } from './gpt-tables.tsx';
import { HistoryTimeline } from './history-timeline.tsx';
import { PlatformActionsCard } from './platform-actions-card.tsx';

type Props = {
  db: PageContext['db'];
  workspaceId: string;
  roles: readonly Role[];
  agent: { id: string; externalId: string; history: Parameters<typeof HistoryTimeline>[0]['history'] };
  search: { from?: string; to?: string };
};

const classificationOf = (v: string | undefined): FileClassification | null =>
  v !== undefined && isFileClassification(v) ? v : null;

/** 1,451,881 → "1.4 MB": a file's size as a reviewer reads it (the table keeps it short). */
function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const [value, unit] = bytes < 1024 ** 2 ? [bytes / 1024, 'KB'] : [bytes / 1024 ** 2, 'MB'];
  return `${value.toFixed(value < 10 ? 1 : 0)} ${unit}`;
}

const KIND_WORDS = { capability: 'Capability', file: 'Knowledge file', action: 'Action', app: 'App' } as const;

export async function GptView({ db, workspaceId, roles, agent, search }: Props) {
  const g = await gptWithVersions(db, workspaceId, agent.externalId);
  if (!g) return <p className="panel">This GPT has not been read yet.</p>;
  const { gpt } = g;
  const { classifyGpt } = await workspaceClassifier(db, workspaceId);
  const c: GptClassification = classifyGpt({ id: g.agentId, configHash: g.configHash }, gpt);
  const [classes, useCases, approval, owner, reviews] = await Promise.all([
    fileClassifications(db, workspaceId, [g.agentId]),
    gptUseCases(db, workspaceId, [g.agentId]),
    latestGptApproval(db, workspaceId, g.agentId),
    ownerStanding(db, workspaceId, g.ownerEmail),
    actionReviews(db, workspaceId, unknownActionKeys(gpt.actions)),
  ]);
  const classOf = new Map(classes.map((f) => [f.fileId, f.classification]));
  const useCase = useCases[0];
  const recipients = gpt.sharing.recipients;

  return (
    <>
      <p className="breadcrumb small">
        <Link href="/agents?kind=custom_gpt">Custom GPTs</Link> / {g.gptId}
      </p>
      <PageHeader
        title={gpt.name || g.gptId}
        description={gpt.description || `Custom GPT owned by ${g.ownerEmail || 'nobody'}`}
        actions={
          <>
            <StateBadge state={c.effectiveState} status={g.status} />{' '}
            <Link className="button button-small" href={`/reviews/${encodeURIComponent(g.gptId)}`}>
              Publish review
            </Link>
          </>
        }
      />
      <div className="agent-grid">
        <section className="panel" aria-labelledby="diagram-title">
          <h2 id="diagram-title">Lethal trifecta</h2>
          <TrifectaDiagram view={trifectaView(c)} />
        </section>
        <section className="panel" aria-labelledby="identity-title">
          <h2 id="identity-title">Identity and sharing</h2>
          <dl className="facts facts-narrow">
            <dt>GPT id</dt>
            <dd className="mono">{g.gptId}</dd>
            <dt>Owner</dt>
            <dd>
              {g.ownerEmail ? (
                <Link href={`/agents?owner=${encodeURIComponent(g.ownerEmail)}`}>{g.ownerEmail}</Link>
              ) : (
                'no owner'
              )}
              {owner.kind === 'orphaned' && <span className="tag tag-warn">orphaned: owner {owner.status}</span>}
              {owner.kind === 'not_on_roster' && g.ownerEmail && (
                <span className="tag tag-warn">not on the roster</span>
              )}
            </dd>
            <dt>Status</dt>
            <dd>
              {statusLabel(g.status)}
              {!g.listed && <span className="tag tag-warn">no longer listed by the platform</span>}
            </dd>
            <dt>Sharing</dt>
            <dd>
              <strong>{GPT_VISIBILITY_LABELS[gpt.sharing.visibility]}</strong>
              {recipients.length > 0 && (
                <ul className="plain small" aria-label="Recipients">
                  {recipients.map((r) => (
                    <li key={`${r.type}:${r.id}`}>
                      {r.type === 'group' ? 'Group' : 'Person'}: {r.email ?? r.id}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>Capabilities</dt>
            <dd>
              {GPT_CAPABILITIES.filter((k) => gpt.capabilities.includes(k))
                .map((k) => GPT_CAPABILITY_LABELS[k])
                .join(', ') || 'none'}
            </dd>
            <dt>Trifecta</dt>
            <dd>
              <LegDots legs={c.legs} words />
            </dd>
            <dt>Risk state</dt>
            <dd>
              <StateBadge state={c.effectiveState} status={g.status} held />
            </dd>
            <dt>Use case</dt>
            <dd>{useCase ? useCase.useCase : <span className="muted">not stated (recorded on the review)</span>}</dd>
            <dt>Configuration</dt>
            <dd>
              what its risk depends on; decisions and exceptions hold for exactly this{' '}
              <div>
                <TechId value={g.configHash} short={16} label="configuration hash" />
              </div>
            </dd>
            <dt>Created</dt>
            <dd>{gpt.createdAt ? formatUtc(new Date(gpt.createdAt)) : '—'}</dd>
            <dt>Updated</dt>
            <dd>{gpt.updatedAt ? formatUtc(new Date(gpt.updatedAt)) : '—'}</dd>
            <dt>Last read</dt>
            <dd>{formatUtc(g.lastReadAt)}</dd>
          </dl>
        </section>
      </div>
      <PlatformActionsCard db={db} workspaceId={workspaceId} roles={roles} agentId={agent.id} />
      <BreakAdvice classification={c} gpt />
      <section className="panel" aria-labelledby="why-title">
        <h2 id="why-title">Why: the parts that light each leg</h2>
        <GptSourcesTable
          gptId={g.gptId}
          rows={c.sources.map((s) => ({
            id: s.id,
            name: s.name,
            kind: KIND_WORDS[s.kind],
            privateData: s.why.private_data ?? '—',
            untrusted: s.why.untrusted_content ?? '—',
            send: s.why.external_send ?? '—',
          }))}
        />
        {LEGS.some((l) => c.legs[l].length === 0) && (
          <p className="small muted">
            A leg no part lights stays dark; code interpreter, image generation and canvas light none.
          </p>
        )}
      </section>
      <GptActions
        actions={gpt.actions}
        unknown={c.unknownActions}
        reviews={reviews}
        review={can(roles, 'reviews:decide') ? { workspaceId, gptId: g.gptId } : null}
      />
      <section className="panel" aria-labelledby="files-title">
        <h2 id="files-title">Knowledge files</h2>
        {gpt.files.length === 0 ? (
          <p className="muted">No knowledge files.</p>
        ) : (
          <KnowledgeFilesTable
            workspaceId={workspaceId}
            gptId={g.gptId}
            editable={can(roles, 'reviews:decide')}
            rows={gpt.files.map((f) => ({
              id: f.id,
              name: f.name || f.id,
              type: f.mimeType ?? '—',
              size: f.size === null ? '—' : fileSize(f.size),
              classification: classificationOf(classOf.get(f.id)),
            }))}
          />
        )}
      </section>
      <section className="panel" aria-labelledby="gpt-apps-title">
        <h2 id="gpt-apps-title">Apps</h2>
        {gpt.apps.length === 0 ? (
          <p className="muted">No apps.</p>
        ) : (
          <p className="app-chips">
            {gpt.apps.map((a) => (
              <span key={a.id} className="chip">
                {a.name || a.id}
              </span>
            ))}
          </p>
        )}
      </section>
      <GptHistory
        gptId={g.gptId}
        gpt={gpt}
        configHash={g.configHash}
        approval={approval}
        search={search}
        versions={g.versions.map((v) => ({
          configId: v.configId,
          configCreatedAt: v.configCreatedAt?.toISOString() ?? null,
          riskHash: v.riskHash,
          config: v.config,
        }))}
      />
      <HistoryTimeline
        gpt
        history={agent.history.map((h) => {
          // What it was made of when first read: the entry itself records only its name and owner.
          const first = h.kind === 'created' ? configFirstSeen(g.versions, h.at) : null;
          return first ? { ...h, detail: { ...(h.detail as object), parts: gptParts(first) } } : h;
        })}
      />
    </>
  );
}
