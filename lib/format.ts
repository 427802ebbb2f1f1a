// Times are shown in UTC, always labelled, so reviewers in different zones read the same thing.
export function formatUtc(date: Date | null | undefined): string {
  if (!date) return '—';
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' UTC');
}
