// A readable form of an audit diff for the log page: one "path: value" line per changed leaf.
export function summarizeDiff(diff: unknown, limit = 8): string[] {
  const lines: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    } else {
      lines.push(`${path || 'value'}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    }
  };
  walk(diff, '');
  return lines.length > limit ? [...lines.slice(0, limit), `… ${lines.length - limit} more`] : lines;
}
