// Starts one real PostgreSQL (embedded) for the whole run and migrates a template database;
// each test file clones its own database from the template (test/db.ts).
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '@/lib/db/embedded.ts';
import { migrate } from '@/lib/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = path.resolve('.test-data', `vitest-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const db = await startEmbeddedPostgres({ dataDir, password: 'tollgate-test', database: 'tollgate_template' });
  await migrate(db.url);
  project.provide('pgServerUrl', db.url.replace(/\/tollgate_template$/, '/postgres'));
  return async () => {
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
