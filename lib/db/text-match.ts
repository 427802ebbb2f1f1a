// Text filters for Prisma on PostgreSQL. Prisma 7 turns `contains`, `startsWith` and `equals` with
// `mode: 'insensitive'` into LIKE / ILIKE without escaping the value: a user's "%" matches every row, "_" any
// character, and a trailing "\" fails the query (22025). Every filter built from user or IdP text goes through
// these, which escape LIKE's three special characters (PostgreSQL's default escape is the backslash).

/** The value as a LIKE literal: "\", "%" and "_" stand for themselves. */
export function likeLiteral(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Case-insensitive equality (SCIM's `eq` on userName and displayName, RFC 7643 caseExact false). */
export function equalsIgnoringCase(value: string) {
  return { equals: likeLiteral(value), mode: 'insensitive' as const };
}

/** Case-insensitive substring search (the dashboard's search boxes). */
export function containsText(value: string) {
  return { contains: likeLiteral(value), mode: 'insensitive' as const };
}

/** Case-sensitive prefix (the audit log's action filter). */
export function startsWithText(value: string) {
  return { startsWith: likeLiteral(value) };
}
