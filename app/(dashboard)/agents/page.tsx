import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { can } from '@/lib/auth/permissions.ts';
import { filterQuery, parseAgentFilter } from '@/lib/agents/filter.ts';
import { agentsPage } from '@/lib/agents/queries.ts';
import { LEGS as LEG_KEYS, type Leg } from '@/lib/apps/legs.ts';
import { AgentsTable, type AgentRow } from './_components/agents-table.tsx';
import { FilterBar } from './_components/filter-bar.tsx';
import { FleetGlance } from './_components/fleet-glance.tsx';
import { KindTabs } from './_components/kind-tabs.tsx';

const LEGS = '(guide 6.4): private data, untrusted content and external send';
const WHAT = 'Every workspace agent and custom GPT in';

export const metadata: Metadata = { title: 'Agents' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AgentsPage({ searchParams }: Props) {
  const { actor: user, db, workspace: current } = await workspacePage('agents:read');
  if (!current)
    return <PageHeader title="Agents" description="No workspace yet. An administrator adds one in Settings." />;

  const filter = parseAgentFilter(await searchParams);
  const { rows, total, capped, summary, apps, kinds } = await agentsPage(db, current.id, filter);
  const canImport = can(user.roles, 'agents:write');
  // A search, owner, app or orphaned filter counts its matches up to a cap (lib/agents/counts.ts); past it the
  // page says "more than" and offers the pages up to the cap plus the next one.
  const pages = Math.max(1, Math.ceil(total / filter.size), capped ? filter.page + 1 : 1);
  const exportQuery = new URLSearchParams(filterQuery(filter).slice(1));
  exportQuery.set('ws', current.id);

  return (
    <>
      <PageHeader
        title="Agents"
        description={`${WHAT} ${current.name}, classified for the lethal trifecta ${LEGS}.`}
        actions={
          canImport && (
            <Link className="button button-primary" href="/agents/import">
              Import export
            </Link>
          )
        }
      />
      {summary.total === 0 && summary.missing === 0 ? (
        <div className="panel empty-state">
          <p>
            No agents yet. Export the agent list from the Global Admin Console (Agents → Export: agent_id, agent_name,
            owner_email, connected_apps) and import it here.
          </p>
          {canImport && (
            <p>
              <Link className="button button-primary" href="/agents/import">
                Import an agent export
              </Link>
            </p>
          )}
        </div>
      ) : (
        <>
          <FleetGlance summary={summary} kind={filter.kind} />
          <KindTabs filter={filter} counts={kinds} />
          {/* Keyed by the view: a tab or pager link keeps the page mounted, and the fields must show the new URL. */}
          <FilterBar key={filterQuery(filter)} filter={filter} apps={apps} counts={kinds} />
          <div className="table-toolbar">
            <p className="muted small" aria-live="polite">
              {capped ? 'More than ' : ''}
              {total.toLocaleString('en')} agent{total === 1 && !capped ? '' : 's'} match · page {filter.page} of{' '}
              {capped ? `at least ${pages}` : pages}
            </p>
            <a className="button button-small" href={`/api/agents/export?${exportQuery.toString()}`} download>
              Export this view (CSV)
            </a>
          </div>
          <AgentsTable
            rows={rows.map(tableRow)}
            sort={{ key: filter.sort, dir: filter.dir }}
            paging={{ page: filter.page, pages }}
          />
        </>
      )}
    </>
  );
}

/** Only what the table renders travels to the browser (its props are serialised into the page beside the HTML):
 *  not the agent's break advice, leg count or the apps behind each leg. */
function tableRow(r: Awaited<ReturnType<typeof agentsPage>>['rows'][number]): AgentRow {
  const legs = r.legs as Partial<Record<Leg, string[]>>;
  return {
    externalId: r.externalId,
    kind: r.kind,
    name: r.name,
    ownerEmail: r.ownerEmail,
    status: r.status,
    appIds: r.appIds,
    unknownApps: r.unknownApps,
    unclassifiedMcp: r.unclassifiedMcp,
    lit: LEG_KEYS.filter((l) => (legs[l] ?? []).length > 0),
    effectiveState: r.effectiveState,
    inLatestExport: r.inLatestExport,
    updated: r.updatedAt.toISOString().slice(0, 16).replace('T', ' '),
  };
}
