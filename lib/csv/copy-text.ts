// COPY's text format (tab-separated, \N for NULL), pure: what the import's staging (lib/agents/import/stage.ts),
// the log store (lib/logs/store-rows.ts) and the benches' fleet generator (bench/fleet/copy.ts) write.

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** One field: \N is NULL; backslash, tab, newline and carriage return escaped. */
export function copyField(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  const text = String(value);
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** One row, its fields in the COPY statement's column order. */
export function copyLine(fields: readonly (string | number | boolean | null)[]): string {
  return `${fields.map(copyField).join('\t')}\n`;
}

/** PostgreSQL's text form of a text[]: every element quoted, `"` and `\\` escaped. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
