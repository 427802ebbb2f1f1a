// For lib/platform/crash.integration.test.ts: a Tollgate process that sends one due platform action and is killed
// (SIGKILL) by the test while the platform holds its answer back — the request has left, nothing is stored.
import { createDb } from '@/lib/db.ts';
import { runDueActions } from './executor.ts';

const [url, secretKey] = process.argv.slice(2);
const db = createDb(url!);
process.stdout.write('sending\n');
await runDueActions(db, { secretKey: secretKey!, budgetMs: 60_000 });
process.stdout.write('finished\n');
await db.$disconnect();
