// Filters as a plain GET form: the URL holds the view, so it can be bookmarked and shared.
import Link from 'next/link';
import { FilterForm } from '@/components/data-table/filter-form.tsx';
import { FINDING_CONTROLS, SUBJECT_TYPES, type FindingFilter } from '@/lib/findings/filter.ts';
import { CONTROL_TITLES, KIND_LABELS } from '@/lib/findings/labels.ts';
import { FINDING_KINDS } from '@/lib/findings/types.ts';
import { RiskSelect } from '@/components/ui/risk-select.tsx';

const STATUS_OPTIONS: [FindingFilter['status'], string][] = [
  ['current', 'Open and excepted'],
  ['open', 'Open'],
  ['excepted', 'Excepted'],
  ['resolved', 'Resolved'],
  ['all', 'All'],
];

export function FindingsFilterBar({ filter }: { filter: FindingFilter }) {
  return (
    <FilterForm action="/findings" label="Filter findings">
      <div className="field">
        <label htmlFor="filter-q">Search</label>
        <input type="search" id="filter-q" name="q" defaultValue={filter.q} placeholder="Subject or message" />
      </div>
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" name="status" defaultValue={filter.status}>
          {STATUS_OPTIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-control">Control</label>
        <select id="filter-control" name="control" defaultValue={filter.control ?? ''}>
          <option value="">Any</option>
          {FINDING_CONTROLS.map((c) => (
            <option key={c} value={c}>
              {c} {CONTROL_TITLES[c]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-kind">Kind</label>
        <select id="filter-kind" name="kind" defaultValue={filter.kind ?? ''}>
          <option value="">Any</option>
          {FINDING_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <RiskSelect id="filter-risk" value={filter.risk} />
      <div className="field">
        <label htmlFor="filter-subject">Subject</label>
        <select id="filter-subject" name="subject" defaultValue={filter.subject ?? ''}>
          <option value="">Any</option>
          {SUBJECT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t[0]!.toUpperCase() + t.slice(1)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-owner">Owner</label>
        <input
          type="text"
          id="filter-owner"
          name="owner"
          defaultValue={filter.owner}
          placeholder="email, or unassigned"
        />
      </div>
      <label className="check">
        <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue === '1'} /> Overdue only
      </label>
      <div className="filter-buttons">
        <button className="button button-primary" type="submit">
          Apply
        </button>
        <Link className="button" href="/findings">
          Reset
        </Link>
      </div>
    </FilterForm>
  );
}
