'use client';
// The one list table of the dashboard, on @tanstack/react-table. The server owns the data: sorting, paging
// and filters are search params the page reads and queries with; this component renders the rows it is
// given, builds the header and pager links from the URL, hides columns (remembered per browser), and
// exports the current view as CSV. The header sticks while the table scrolls inside its own box, so a
// wide table never widens the page.
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { Fragment, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  columnVisibilityFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnVisibilityState,
  type RowData,
} from '@tanstack/react-table';
import { toCsv, type CsvCell } from './csv.ts';
import { nextDir, withParams, type SortDir } from './url-state.ts';
import './data-table.css';
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';

export type DataColumn<T> = {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** The cell as plain text for the CSV export; a column without it is left out of the file. */
  csv?: (row: T) => CsvCell;
  /** Sortable on the server under this column's id; the value is the first direction a click asks for. */
  sort?: SortDir;
  /** Columns that identify the row cannot be hidden. */
  hideable?: boolean;
  className?: string;
  /** A tooltip on the header, for the rule behind a column. */
  headerTitle?: string;
  /** Classes of the header cell, when it needs more than the cell's alignment and wrapping. */
  headerClassName?: string;
  /** The header is for screen readers only (a column of row buttons). */
  headerHidden?: boolean;
  /** The cell names its row (`<th scope="row">`), as the first column of a matrix does. */
  rowHeader?: boolean;
  /** Classes a cell takes from its row (a departure to highlight), added to the column's. */
  cellClassName?: (row: T) => string | undefined;
};

export type DataPaging = { page: number; pages: number };

type Props<T> = {
  /** Names the table: its region label, the CSV file and where its column choice is remembered. */
  label: string;
  storageKey: string;
  columns: DataColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  paging?: DataPaging;
  /** Labels of the pager links (some lists read newest first). */
  pagerLabels?: { previous: string; next: string };
  csvName?: string;
  className?: string;
  /** Extra controls beside the column menu (a server export link, for instance). */
  toolbar?: ReactNode;
  /** The table's accessible name, when it differs from the region's. */
  caption?: string;
  /** A full-width row under a row (history, forms), or null for none. */
  subRow?: (row: T) => ReactNode;
  /** An element id for a row, so a link can point at it. */
  rowDomId?: (row: T) => string | undefined;
  /** The sort in force as the page read it, defaults included; without it the URL's sort is shown. */
  sort?: { key: string; dir: SortDir } | null;
  /** Rows of a <tfoot> (a total, say), laid out by the caller; give such a table columns that cannot hide. */
  footer?: ReactNode;
};

const features = tableFeatures({ columnVisibilityFeature });

/** A header takes only its column's alignment and wrapping, not the cell's type styles (mono, small). */
function headerClass(className: string | undefined): string | undefined {
  const kept = (className ?? '').split(/\s+/).filter((c) => c === 'num' || c === 'nowrap');
  return kept.length ? kept.join(' ') : undefined;
}

export function DataTable<T extends RowData>({
  label,
  storageKey,
  columns,
  rows,
  rowKey,
  rowClassName,
  paging,
  pagerLabels,
  csvName,
  className,
  toolbar,
  caption,
  sort,
  subRow,
  rowDomId,
  footer,
}: Props<T>) {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>({});
  const [menuOpen, setMenuOpen] = useState(false);
  const key = `tollgate.${storageKey}.columns`;
  useEffect(() => {
    try {
      const saved: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
      // Only id → true/false pairs are taken; anything else in storage is ignored.
      if (saved && typeof saved === 'object' && !Array.isArray(saved)) {
        const choice = Object.entries(saved).filter(([, shown]) => typeof shown === 'boolean');
        setColumnVisibility(Object.fromEntries(choice) as ColumnVisibilityState);
      }
    } catch {
      // A damaged preference only costs the default columns.
    }
  }, [key]);

  const defs = useMemo(
    () =>
      columns.map(
        (c): ColumnDef<typeof features, T> => ({
          id: c.id,
          header: c.header,
          enableHiding: c.hideable !== false,
          cell: ({ row }) => c.cell(row.original),
        }),
      ),
    [columns],
  );
  const byId = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  // A column that identifies the row stays shown whatever the stored choice says.
  const shown = Object.fromEntries(Object.entries(columnVisibility).filter(([id]) => byId.get(id)?.hideable !== false));
  const table = useTable({
    features,
    columns: defs,
    data: rows,
    getRowId: (row) => rowKey(row),
    state: { columnVisibility: shown },
    onColumnVisibilityChange: (updater) => {
      setColumnVisibility((old) => {
        const next = typeof updater === 'function' ? updater(old) : updater;
        try {
          localStorage.setItem(key, JSON.stringify(next));
        } catch {
          // Private browsing may refuse storage: the choice then lasts for this page only.
        }
        return next;
      });
    },
  });

  const params = new URLSearchParams(search);
  // The page's own reading of the sort wins (it knows its defaults); otherwise the URL says.
  const urlSort = params.get('sort');
  const effective =
    sort !== undefined
      ? sort
      : urlSort
        ? { key: urlSort, dir: params.get('dir') === 'desc' ? ('desc' as const) : ('asc' as const) }
        : null;
  const visible = table.getVisibleLeafColumns().map((c) => byId.get(c.id)!);
  const hideable = table.getAllLeafColumns().filter((c) => c.getCanHide());

  function exportCsv() {
    const exported = visible.filter((c) => c.csv);
    const text = toCsv(
      exported.map((c) => c.header),
      rows.map((r) => exported.map((c) => c.csv!(r))),
    );
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${csvName ?? storageKey}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className={`data-table${className ? ` ${className}` : ''}`}>
      <div className="data-table-tools">
        {hideable.length > 0 && (
          <details className="column-menu" onToggle={(e) => setMenuOpen(e.currentTarget.open)}>
            <summary>Columns</summary>
            {/* Rendered only while open, so a closed menu adds no second "Status" or "Owner" label to the page. */}
            {menuOpen && (
              <fieldset>
                <legend className="visually-hidden">Visible columns</legend>
                {hideable.map((column) => (
                  <label key={column.id}>
                    <input
                      type="checkbox"
                      checked={column.getIsVisible()}
                      onChange={column.getToggleVisibilityHandler()}
                    />{' '}
                    {byId.get(column.id)?.header}
                  </label>
                ))}
              </fieldset>
            )}
          </details>
        )}
        <span className="data-table-actions">
          {toolbar}
          {csvName !== undefined && rows.length > 0 && (
            <button type="button" className="button button-small" onClick={exportCsv}>
              Download this view (CSV)
            </button>
          )}
        </span>
      </div>
      <ScrollRegion label={label} className="data-table-scroll">
        <table className="table">
          {caption && <caption className="visually-hidden">{caption}</caption>}
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const col = byId.get(header.column.id)!;
                  const active = effective?.key === col.id ? effective.dir : null;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={col.headerClassName ?? headerClass(col.className)}
                      title={col.headerTitle}
                      aria-sort={active === 'asc' ? 'ascending' : active === 'desc' ? 'descending' : undefined}
                    >
                      {col.sort ? (
                        <Link
                          className="sort-link"
                          href={`${pathname}${withParams(search, { sort: col.id, dir: nextDir(active, col.sort) })}`}
                        >
                          {col.header}
                          {active ? (active === 'asc' ? ' ▲' : ' ▼') : ''}
                        </Link>
                      ) : col.headerHidden ? (
                        <span className="visually-hidden">{col.header}</span>
                      ) : (
                        col.header
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {/* The rows straight from the props, not through the table's row model: that builds a row and a cell
                object per cell with memoised getters, which cost a page of 50–100 rows several ms of the server's
                thread per request (bench/RESULTS.md section 11); column visibility is all this table takes from it. */}
            {rows.map((original) => {
              const id = rowKey(original);
              const below = subRow?.(original);
              return (
                <Fragment key={id}>
                  <tr id={rowDomId?.(original)} className={rowClassName?.(original)}>
                    {visible.map((col) => {
                      const classes = [col.className, col.cellClassName?.(original)].filter(Boolean).join(' ');
                      const Cell = col.rowHeader ? 'th' : 'td';
                      return (
                        <Cell key={col.id} className={classes || undefined} scope={col.rowHeader ? 'row' : undefined}>
                          {col.cell(original)}
                        </Cell>
                      );
                    })}
                  </tr>
                  {below && (
                    <tr className="data-table-subrow">
                      <td colSpan={visible.length}>{below}</td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
          {footer && <tfoot>{footer}</tfoot>}
        </table>
      </ScrollRegion>
      {paging && paging.pages > 1 && (
        <nav className="pager" aria-label="Pages">
          {paging.page > 1 && (
            <Link
              className="button button-small"
              href={`${pathname}${withParams(search, { page: String(paging.page - 1) })}`}
            >
              {pagerLabels?.previous ?? '← Previous'}
            </Link>
          )}
          <span className="muted small">
            Page {paging.page} of {paging.pages}
          </span>
          {paging.page < paging.pages && (
            <Link
              className="button button-small"
              href={`${pathname}${withParams(search, { page: String(paging.page + 1) })}`}
            >
              {pagerLabels?.next ?? 'Next →'}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
