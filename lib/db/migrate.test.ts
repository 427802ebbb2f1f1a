import pg from 'pg';
import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '@/test/db.ts';
import { MIGRATIONS_DIR, migrate } from './migrate.ts';

describe('migrate', () => {
  it('applies every migration once and records Prisma-compatible checksums', async () => {
    const url = await createEmptyDatabase();
    const first = await migrate(url);
    expect(first.applied.length).toBeGreaterThan(0);
    expect((await migrate(url)).applied).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      'SELECT migration_name, length(checksum) AS len, finished_at FROM "_prisma_migrations"',
    );
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    expect(rows.every((r) => r.len === 64 && r.finished_at)).toBe(true);
  });

  it('refuses a migration edited after it was applied, and rolls back a failing one whole', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mig-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const url = await createEmptyDatabase();
    await migrate(url, { dir });
    mkdirSync(path.join(dir, '29990101000000_broken'));
    writeFileSync(
      path.join(dir, '29990101000000_broken', 'migration.sql'),
      'CREATE TABLE "half_done" (id int);\nSELECT nonsense_function();\n',
    );
    await expect(migrate(url, { dir })).rejects.toThrow(/29990101000000_broken failed/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rowCount } = await client.query(`SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`);
    await client.end();
    expect(rowCount).toBe(0);
    const first = path.join(
      dir,
      (await import('node:fs'))
        .readdirSync(dir)
        .filter((n) => /^\d/.test(n))
        .sort()[0]!,
      'migration.sql',
    );
    writeFileSync(first, '-- edited\n', { flag: 'a' });
    await expect(migrate(url, { dir })).rejects.toThrow(/was modified after it was applied/);
  });
});
