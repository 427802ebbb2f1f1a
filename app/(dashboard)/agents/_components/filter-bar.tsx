// Filters as a plain GET form: the URL holds the view, so it can be bookmarked, shared and exported.
import Link from 'next/link';
import { FilterForm } from '@/components/data-table/filter-form.tsx';
import { AGENT_STATUSES } from '@/lib/agents/inventory-csv.ts';
import { AGENT_KINDS, type AgentFilter, type AgentKind, EFFECTIVE_STATES, PAGE_SIZES } from '@/lib/agents/filter.ts';
import { kindLabel, statusLabel } from '@/components/agents/legs.tsx';

type Props = { filter: AgentFilter; apps: { app: string; agents: number }[]; counts: Record<AgentKind, number> };

export function FilterBar({ filter, apps, counts }: Props) {
  return (
    <FilterForm action="/agents" label="Filter agents" keep={['sort', 'dir']}>
      <div className="field">
        <label htmlFor="filter-q">Search</label>
        <input type="search" id="filter-q" name="q" defaultValue={filter.q} placeholder="Name, id or owner" />
      </div>
      <div className="field">
        <label htmlFor="filter-kind">Kind</label>
        <select id="filter-kind" name="kind" defaultValue={filter.kind ?? ''}>
          <option value="">All</option>
          {AGENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k)}s ({counts[k]})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-state">State</label>
        <select id="filter-state" name="state" defaultValue={filter.state ?? ''}>
          <option value="">Any</option>
          {EFFECTIVE_STATES.map((s) => (
            <option key={s} value={s}>
              {s === 'none' ? 'Not a trifecta' : s[0]!.toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-legs">Trifecta parts</label>
        <select id="filter-legs" name="legs" defaultValue={filter.legs ?? ''}>
          <option value="">Any</option>
          {[3, 2, 1, 0].map((n) => (
            <option key={n} value={n}>
              {n === 3 ? '3 (trifecta)' : n}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" name="status" defaultValue={filter.status ?? ''}>
          <option value="">Any</option>
          {[...AGENT_STATUSES, 'unknown'].map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-app">App</label>
        <select id="filter-app" name="app" defaultValue={filter.app ?? ''}>
          <option value="">Any</option>
          {apps.map((a) => (
            <option key={a.app} value={a.app}>
              {a.app} ({a.agents})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-owner">Owner</label>
        <input type="text" id="filter-owner" name="owner" defaultValue={filter.owner} placeholder="owner@example.com" />
      </div>
      <div className="field">
        <label htmlFor="filter-show">Show</label>
        <select id="filter-show" name="show" defaultValue={filter.show ?? ''}>
          <option value="">All agents</option>
          <option value="listed">In latest export</option>
          <option value="missing">Not in latest export</option>
          <option value="unclassified">Needs classification</option>
          <option value="orphaned">Orphaned (owner deactivated or removed)</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-size">Per page</label>
        <select id="filter-size" name="size" defaultValue={String(filter.size)}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-buttons">
        <button className="button button-primary" type="submit">
          Apply
        </button>
        <Link className="button" href="/agents">
          Reset
        </Link>
      </div>
    </FilterForm>
  );
}
