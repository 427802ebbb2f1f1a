// Opens the database the way the app does (DATABASE_URL or the embedded server) for one command.
import { openDatabase } from '../lib/db/connect.ts';
import { createDb, type Db } from '../lib/db.ts';
import { migrate } from '../lib/db/migrate.ts';
import { resolveDataDir } from '../lib/runtime/data-dir.ts';
import { loadSecrets } from '../lib/runtime/secrets.ts';

export type CliContext = { db: Db; dataDir: string; url: string };

export async function withDatabase<T>(run: (ctx: CliContext) => Promise<T>, options: { migrate?: boolean } = { migrate: true }): Promise<T> {
  const dataDir = resolveDataDir();
  const secrets = loadSecrets(dataDir);
  const handle = await openDatabase({ dataDir, pgPassword: secrets.pgPassword });
  const db = createDb(handle.url);
  try {
    if (options.migrate) await migrate(handle.url);
    return await run({ db, dataDir, url: handle.url });
  } finally {
    await db.$disconnect();
    await handle.stop();
  }
}
