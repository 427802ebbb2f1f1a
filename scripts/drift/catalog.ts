// A comparable picture of what Prisma models in one PostgreSQL schema: enums, tables, columns (type,
// nullability, default), primary keys, indexes (unique or not) and foreign keys, all as PostgreSQL
// itself prints them. Functions, triggers, check and exclusion constraints are left out on purpose:
// Prisma does not model them, and migrations add some deliberately (the audit append-only triggers).
// Partitioning too (decision 0032): a partitioned table is compared as the plain table Prisma describes, and its
// partitions (relispartition) are not tables of the model.
import pg from 'pg';

export type Column = {
  type: string;
  notNull: boolean;
  default: string | null;
  /** The enum behind the column (itself or its array element), so an enum can be rebuilt under its columns. */
  enum: string | null;
};
export type Index = { definition: string; constraint: boolean };
export type Table = {
  columns: Record<string, Column>;
  primaryKey: { name: string; definition: string } | null;
  indexes: Record<string, Index>;
  foreignKeys: Record<string, string>;
};
export type Catalog = { enums: Record<string, string[]>; tables: Record<string, Table> };

/** Prisma's own bookkeeping table is not part of the model. */
const IGNORED_TABLES = ['_prisma_migrations'];

export async function readCatalog(url: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql, [IGNORED_TABLES])).rows;
    const schemaRows = await client.query<{ schema: string }>('SELECT quote_ident(current_schema()) AS schema');
    const schema = schemaRows.rows[0]!.schema;
    const catalog: Catalog = { enums: {}, tables: {} };

    const enums = await client.query<{ name: string; labels: string[] }>(`
      SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = current_schema() GROUP BY t.typname`);
    for (const e of enums.rows) catalog.enums[e.name] = e.labels;

    const tables = await q<{ name: string }>(`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname <> ALL($1)`);
    for (const t of tables) catalog.tables[t.name] = { columns: {}, primaryKey: null, indexes: {}, foreignKeys: {} };

    const columns = await q<{
      table: string;
      name: string;
      type: string;
      not_null: boolean;
      default: string | null;
      enum: string | null;
    }>(`
      SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
             a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default,
             CASE WHEN e.typtype = 'e' THEN e.typname END AS enum
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      JOIN pg_type t ON t.oid = a.atttypid
      JOIN pg_type e ON e.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END
      LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname <> ALL($1)
      ORDER BY c.relname, a.attnum`);
    for (const c of columns)
      catalog.tables[c.table]!.columns[c.name] = {
        type: c.type,
        notNull: c.not_null,
        default: c.default,
        enum: c.enum,
      };

    const constraints = await q<{ table: string; name: string; kind: string; definition: string }>(`
      SELECT c.relname AS table, k.conname AS name, k.contype AS kind, pg_get_constraintdef(k.oid) AS definition
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND k.contype IN ('p', 'f') AND NOT c.relispartition
        AND c.relname <> ALL($1)`);
    for (const k of constraints) {
      const table = catalog.tables[k.table]!;
      if (k.kind === 'p') table.primaryKey = { name: k.name, definition: k.definition };
      else table.foreignKeys[k.name] = k.definition;
    }

    // Unique constraints count as unique indexes (Prisma treats them alike); the flag only changes how one is dropped.
    const indexes = await q<{ table: string; name: string; definition: string; kind: string | null }>(`
      SELECT t.relname AS table, i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition, k.contype AS kind
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      LEFT JOIN pg_constraint k ON k.conindid = x.indexrelid AND k.conrelid = x.indrelid AND k.contype IN ('u', 'x')
      WHERE n.nspname = current_schema() AND NOT x.indisprimary AND NOT t.relispartition
        AND t.relname <> ALL($1)`);
    for (const i of indexes) {
      if (i.kind === 'x') continue;
      // pg_get_indexdef always schema-qualifies the table; drop it so definitions read like the migrations. An index
      // of a partitioned table prints ON ONLY: the same index as Prisma's on the plain table.
      const definition = i.definition.replace(` ON ${schema}.`, ' ON ').replace(` ON ONLY ${schema}.`, ' ON ');
      catalog.tables[i.table]!.indexes[i.name] = { definition, constraint: i.kind === 'u' };
    }
    return catalog;
  } finally {
    await client.end();
  }
}
