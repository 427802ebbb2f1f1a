// Filters as a plain GET form: the URL holds the view, so it can be bookmarked, shared and exported.
import Link from 'next/link';
import { AGENT_STATUSES } from '../../../../lib/agents/inventory-csv.ts';
import { EFFECTIVE_STATES, PAGE_SIZES, type AgentFilter } from '../../../../lib/agents/filter.ts';
import { statusLabel } from '../../../../components/agents/legs.tsx';

export function FilterBar({ filter, apps }: { filter: AgentFilter; apps: { app: string; agents: number }[] }) {
  return (
    <form className="filters panel" method="get" action="/agents" aria-label="Filter agents">
      <label>
        Search
        <input type="search" name="q" defaultValue={filter.q} placeholder="Name, id or owner" />
      </label>
      <label>
        State
        <select name="state" defaultValue={filter.state ?? ''}>
          <option value="">Any</option>
          {EFFECTIVE_STATES.map((s) => <option key={s} value={s}>{s === 'none' ? 'Not a trifecta' : s[0]!.toUpperCase() + s.slice(1)}</option>)}
        </select>
      </label>
      <label>
        Legs
        <select name="legs" defaultValue={filter.legs ?? ''}>
          <option value="">Any</option>
          {[3, 2, 1, 0].map((n) => <option key={n} value={n}>{n === 3 ? '3 (trifecta)' : n}</option>)}
        </select>
      </label>
      <label>
        Status
        <select name="status" defaultValue={filter.status ?? ''}>
          <option value="">Any</option>
          {[...AGENT_STATUSES, 'unknown'].map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
        </select>
      </label>
      <label>
        App
        <select name="app" defaultValue={filter.app ?? ''}>
          <option value="">Any</option>
          {apps.map((a) => <option key={a.app} value={a.app}>{a.app} ({a.agents})</option>)}
        </select>
      </label>
      <label>
        Owner
        <input type="text" name="owner" defaultValue={filter.owner} placeholder="owner@example.com" />
      </label>
      <label>
        Show
        <select name="show" defaultValue={filter.show ?? ''}>
          <option value="">All agents</option>
          <option value="listed">In latest export</option>
          <option value="missing">Not in latest export</option>
          <option value="unclassified">Needs classification</option>
        </select>
      </label>
      <label>
        Per page
        <select name="size" defaultValue={String(filter.size)}>
          {PAGE_SIZES.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </label>
      <input type="hidden" name="sort" value={filter.sort} />
      <input type="hidden" name="dir" value={filter.dir} />
      <div className="filter-buttons">
        <button className="button button-primary" type="submit">Apply</button>
        <Link className="button" href="/agents">Reset</Link>
      </div>
    </form>
  );
}
