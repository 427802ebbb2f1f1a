// `tollgate db migrate` and `tollgate audit verify`.
import { verifyAuditChain } from '@/lib/audit/verify.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { withDatabase } from './context.ts';

export function dbMigrateCommand(): Promise<number> {
  return withDatabase(
    async ({ url }) => {
      const { applied } = await migrate(url);
      console.log(
        applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.',
      );
      return 0;
    },
    { migrate: false },
  );
}

/** Exit 0 intact, 1 the first broken link or bad signature. */
export function auditVerifyCommand(options: { json: boolean }): Promise<number> {
  return withDatabase(async ({ db, signingKey }) => {
    const result = await verifyAuditChain(db, signingKey().publicKeyPem);
    if (options.json) console.log(JSON.stringify(result));
    else console.log(result.message);
    return result.ok ? 0 : 1;
  });
}
