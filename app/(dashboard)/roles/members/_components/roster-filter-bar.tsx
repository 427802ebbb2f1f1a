// The roster's filters as a plain GET form: the URL holds the view.
import Link from 'next/link';
import { FilterForm } from '@/components/data-table/filter-form.tsx';
import { ROSTER_PAGE_SIZES, type RosterFilter } from '@/lib/roster/filter.ts';
import { MEMBER_STATUSES, WORKSPACE_ROLES } from '@/lib/roster/members-csv.ts';

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

export function RosterFilterBar({ filter, groups }: { filter: RosterFilter; groups: string[] }) {
  return (
    <FilterForm action="/roles/members" label="Filter members" keep={['sort', 'dir']}>
      <div className="field">
        <label htmlFor="roster-q">Search</label>
        <input type="search" id="roster-q" name="q" defaultValue={filter.q} placeholder="Email or name" />
      </div>
      <div className="field">
        <label htmlFor="roster-role">Workspace role</label>
        <select id="roster-role" name="role" defaultValue={filter.role ?? ''}>
          <option value="">Any</option>
          {WORKSPACE_ROLES.map((r) => (
            <option key={r} value={r}>
              {cap(r)}
            </option>
          ))}
          <option value="unknown">Not known yet</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="roster-status">Status</label>
        <select id="roster-status" name="status" defaultValue={filter.status}>
          {MEMBER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {cap(s)}
            </option>
          ))}
          <option value="any">Any status</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="roster-group">Group</label>
        <select id="roster-group" name="group" defaultValue={filter.group ?? ''}>
          <option value="">Any</option>
          {groups.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="roster-source">Source</label>
        <select id="roster-source" name="source" defaultValue={filter.source ?? ''}>
          <option value="">Any</option>
          <option value="scim">SCIM</option>
          <option value="csv">CSV import</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="roster-show">Show</label>
        <select id="roster-show" name="show" defaultValue={filter.show ?? ''}>
          <option value="">Everyone</option>
          <option value="overdue">Owners and admins due for re-attestation</option>
          <option value="direct">Holding agent roles directly</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="roster-size">Per page</label>
        <select id="roster-size" name="size" defaultValue={String(filter.size)}>
          {ROSTER_PAGE_SIZES.map((n) => (
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
        <Link className="button" href="/roles/members">
          Reset
        </Link>
      </div>
    </FilterForm>
  );
}
