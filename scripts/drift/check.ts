// The drift check: one scratch database built from prisma/migrations (with the app's own runner), one built
// from schema.prisma (Prisma's parse rendered as Prisma-style SQL), then their catalogs compared. Using real
// PostgreSQL on both sides means types and default expressions are normalised the same way, so nothing
// has to guess how `TIMESTAMPTZ(3)` or `DEFAULT 'x'` reads back.
import pg from 'pg';
import { createDatabaseOn } from '@/lib/db/embedded.ts';
import { MIGRATIONS_DIR, migrate } from '@/lib/db/migrate.ts';
import { type Catalog, readCatalog } from './catalog.ts';
import { type Drift, diffCatalogs } from './diff.ts';
import { SCHEMA_PATH, readPrismaSchema } from './prisma-schema.ts';
import { renderSchemaSql } from './schema-sql.ts';

export type DriftCheck = Drift & {
  /** The database built from the migrations, kept so a proposed migration can be tried on it. */
  migrationsUrl: string;
  /** What the schema asks for. */
  schema: Catalog;
};

export type DriftOptions = {
  /** Returns the URL of a new, empty database (it is left for the caller's server to clean up). */
  createDatabase: () => Promise<string>;
  schemaPath?: string;
  migrationsDir?: string;
};

export async function checkDrift(options: DriftOptions): Promise<DriftCheck> {
  const [schemaSql, migrationsUrl, schemaUrl] = await Promise.all([
    readPrismaSchema(options.schemaPath ?? SCHEMA_PATH).then(renderSchemaSql),
    options.createDatabase(),
    options.createDatabase(),
  ]);
  await Promise.all([
    migrate(migrationsUrl, { dir: options.migrationsDir ?? MIGRATIONS_DIR }),
    runSql(schemaUrl, schemaSql, 'the SQL rendered from schema.prisma'),
  ]);
  const [before, schema] = await Promise.all([readCatalog(migrationsUrl), readCatalog(schemaUrl)]);
  return { ...diffCatalogs(before, schema), migrationsUrl, schema };
}

/** Applies `sql` (a proposed migration) to the check's migrated database and compares again. */
export async function recheck(check: DriftCheck, sql: string): Promise<Drift> {
  await runSql(check.migrationsUrl, sql, 'the proposed migration');
  return diffCatalogs(await readCatalog(check.migrationsUrl), check.schema);
}

export function formatDrift(drift: Drift): string {
  if (drift.differences.length === 0) return 'prisma/schema.prisma and prisma/migrations agree.';
  const indent = (text: string) => text.replace(/^/gm, '    ');
  return [
    `prisma/schema.prisma and prisma/migrations disagree (${drift.differences.length}):`,
    ...drift.differences.map((d) => `  - ${d}`),
    '',
    'A migration that brings prisma/migrations up to the schema (`npm run db:diff -- <name>` writes it):',
    indent(drift.sql.trimEnd()),
  ].join('\n');
}

/** A `createDatabase` for a PostgreSQL server the caller owns (the authoring script's embedded one). */
export function scratchDatabases(serverUrl: string, prefix = 'drift'): () => Promise<string> {
  return () => createDatabaseOn(serverUrl, prefix);
}

/** Runs a script in one transaction, as lib/db/migrate.ts applies a migration. */
async function runSql(url: string, sql: string, what: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(sql);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw new Error(`${what} failed: ${(error as Error).message}\n${sql}`);
  } finally {
    await client.end();
  }
}
