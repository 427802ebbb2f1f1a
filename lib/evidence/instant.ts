// How an evidence pack writes an instant: RFC 3339 in UTC, to the millisecond only when there is one
// ("2026-04-01T00:00:00Z", "2026-12-06T06:04:00.123Z"). One function, so the manifest and the report agree.
export const rfc3339 = (d: Date): string => d.toISOString().replace(/\.000Z$/, 'Z');
