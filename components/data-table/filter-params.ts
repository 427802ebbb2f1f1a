// Which of the table's view parameters a filter form carries over when it is applied. Pure: no Next, no React.

/** The view of a data table that a filter leaves alone: its sort, direction and page size. The page number is
 *  not among them: a new filter starts again at page 1, since the old page means nothing in the new rows. */
export const VIEW_PARAMS = ['sort', 'dir', 'size'] as const;

/** The [name, value] pairs of `keep` present in the current query string (first value of each; empty ones left
 *  out), for hidden inputs of a GET form. */
export function keptParams(current: string | URLSearchParams, keep: readonly string[] = VIEW_PARAMS) {
  const params = typeof current === 'string' ? new URLSearchParams(current) : current;
  const out: [string, string][] = [];
  for (const name of keep) {
    if (name === 'page') continue;
    const value = params.get(name);
    if (value) out.push([name, value]);
  }
  return out;
}
