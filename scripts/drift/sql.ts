// Small SQL text helpers shared by the schema renderer and the migration writer.

/** Always quotes, as Prisma's migrations do ("User", "createdAt"). */
export const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;

const MAX_IDENTIFIER_BYTES = 63; // PostgreSQL's NAMEDATALEN - 1

/**
 * Prisma's default constraint/index names (psl ConstraintNames): `{table}_{columns}` cut to fit the
 * 63-byte limit *before* the suffix is added, on a UTF-8 character boundary.
 */
export function defaultName(parts: string[], suffix: string): string {
  let base = parts.join('_');
  const room = MAX_IDENTIFIER_BYTES - Buffer.byteLength(suffix);
  while (Buffer.byteLength(base) > room) base = [...base].slice(0, -1).join('');
  return base + suffix;
}
