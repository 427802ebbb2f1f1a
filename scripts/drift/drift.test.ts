// Keeps prisma/schema.prisma and prisma/migrations in step (no Prisma CLI migrate engine needed; see
// docs/decisions/0002-migrations-without-prisma-cli.md). On failure the message lists every difference
// and the SQL of a migration that fixes it; `npm run db:diff -- <name>` writes that migration.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createEmptyDatabase } from '@/test/db.ts';
import { checkDrift, formatDrift, recheck } from './check.ts';
import { SCHEMA_PATH } from './prisma-schema.ts';
import { defaultName } from './sql.ts';

describe('schema.prisma vs prisma/migrations', () => {
  it('agree', async () => {
    const drift = await checkDrift({ createDatabase: createEmptyDatabase });
    expect(drift.differences, formatDrift(drift)).toEqual([]);
  });

  it('reports drift in a modified schema, and the migration it proposes removes it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const schemaPath = path.join(dir, 'schema.prisma');
    writeFileSync(schemaPath, modifiedSchema(readFileSync(SCHEMA_PATH, 'utf8')));

    const drift = await checkDrift({ createDatabase: createEmptyDatabase, schemaPath });

    expect(drift.differences).toEqual([
      'index "AuditEvent_hash_key" on "AuditEvent": in the migrations (CREATE ' +
        'UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent" USING btree (hash)), not in the schema',
      'column "AuditSignature"."reason": type — migrations text, schema character varying(200)',
      'column "AuditSignature"."workspaceId": in the schema (text), not in the migrations',
      'index "AuditSignature_signedAt_idx" on "AuditSignature": in the ' +
        'migrations (CREATE INDEX "AuditSignature_signedAt_idx" ON ' +
        '"AuditSignature" USING btree ("signedAt")), not in the schema',
      'foreign key "AuditSignature_workspaceId_fkey" on "AuditSignature": in ' +
        'the schema (FOREIGN KEY ("workspaceId") REFERENCES "Workspace"(id) ON ' +
        'UPDATE CASCADE ON DELETE SET NULL), not in the migrations',
      'foreign key "Session_userId_fkey" on "Session": migrations FOREIGN KEY ' +
        '("userId") REFERENCES "User"(id) ON UPDATE CASCADE ON DELETE CASCADE; ' +
        'schema FOREIGN KEY ("userId") REFERENCES "User"(id) ON UPDATE CASCADE ON DELETE RESTRICT',
      'column "User"."email": nullability — migrations NULL, schema NOT NULL',
      'column "Workspace"."kind": default — migrations \'workspace\'::text, schema \'organization\'::text',
      'column "Workspace"."slug": in the schema (text NOT NULL), not in the migrations',
      'index "Workspace_slug_key" on "Workspace": in the schema (CREATE UNIQUE ' +
        'INDEX "Workspace_slug_key" ON "Workspace" USING btree (slug)), not in the migrations',
    ]);
    expect(formatDrift(drift)).toContain('ADD COLUMN "slug" text NOT NULL');

    expect((await recheck(drift, drift.sql)).differences).toEqual([]);
  });
});

describe('defaultName', () => {
  it("cuts Prisma's default names to PostgreSQL's 63 bytes before adding the suffix, as Prisma does", () => {
    expect(defaultName(['Session', 'userId'], '_idx')).toBe('Session_userId_idx');
    // Expected value taken from Prisma 6.19.3's `migrate diff --from-empty` output.
    const long = ['Person', 'aVeryLongFieldNameThatGoesOnAndOnForeverAndEverAndEver', 'another'];
    expect(defaultName(long, '_key')).toBe('Person_aVeryLongFieldNameThatGoesOnAndOnForeverAndEverAndEv_key');
  });
});

/** The real schema with one change of each kind the check must catch; each edit must apply. */
function modifiedSchema(schema: string): string {
  const edits: [string, string][] = [
    [
      '  kind        String       @default("workspace")',
      '  kind        String       @default("organization")\n  slug        String       @unique',
    ],
    ['  email       String?', '  email       String'],
    ['onDelete: Cascade)', 'onDelete: Restrict)'],
    ['  hash        String     @unique', '  hash        String'],
    [
      '  reason    String',
      '  reason    String @db.VarChar(200)\n  workspaceId String?\n  workspace ' +
        'Workspace? @relation(fields: [workspaceId], references: [id])',
    ],
    ['  auditEvents AuditEvent[]', '  auditEvents AuditEvent[]\n  signatures  AuditSignature[]'],
    ['  @@index([signedAt])', ''],
  ];
  return edits.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`schema.prisma changed; update this edit: ${from}`);
    return text.replace(from, to);
  }, schema);
}
