// `tollgate evidence pack …` and `tollgate oscal …`: the evidence pack and the OSCAL assessment results for a
// period, the same files the Evidence page produces, written to --out: a new file only (an existing one is
// refused before any work, never overwritten nor removed); a partial file this run created is removed on failure.
import { hostname } from 'node:os';
import path from 'node:path';
import { parsePeriod } from '@/lib/evidence/as-of.ts';
import { oscalFor } from '@/lib/evidence/oscal-export.ts';
import { createPackJob } from '@/lib/evidence/jobs.ts';
import { parseScope } from '@/lib/evidence/scope.ts';
import { writePackJob } from '@/lib/evidence/worker.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { resolveWorkspace } from '@/lib/workspaces/service.ts';
import { withDatabase } from './context.ts';
import { cliActor } from './file-import.ts';
import { assertNewFile, describeFileError, writeNewFile } from './out-file.ts';

export type PeriodOptions = { json: boolean; workspace?: string; from?: string; to?: string; out?: string };

function required(value: string | undefined, flag: string): string {
  if (!value) throw new AppError('unprocessable', `${flag} is required.`);
  return value;
}

export async function evidencePackCommand(
  options: PeriodOptions & { framework?: string; control?: string },
): Promise<number> {
  const scope = parseScope(required(options.framework, '--framework'), options.control);
  const period = parsePeriod(required(options.from, '--from'), required(options.to, '--to'));
  const out = required(options.out, '--out');
  assertNewFile(out);
  return withDatabase(async ({ db, signingKey, dataDir }) => {
    const key = signingKey(); // refused before anything is written when this install's key is unknown
    const ws = await resolveWorkspace(db, options.workspace);
    // The pack is a job like the Evidence page's (lib/evidence/jobs.ts), held and written by this command.
    const name = `cli:${hostname()}:${process.pid}`;
    const target = path.resolve(out);
    const req = { workspaceId: ws.id, scope, period };
    const job = await createPackJob(db, cliActor(), req, { worker: name, target });
    const total = job.fileCount;
    const onProgress = (_: unknown, p: { files: number; bytes: number; path: string }) => {
      if (!options.json && process.stderr.isTTY)
        process.stderr.write(
          `\r${p.files}/${total} files, ${(p.bytes / 1e6).toFixed(1)} MB: ${p.path}`.padEnd(80).slice(0, 80),
        );
    };
    const written = await writePackJob({ db, key, dataDir, name, onProgress }, job, target).catch((error) => {
      const problem = describeFileError(out, error);
      throw problem ? new AppError('conflict', problem) : error;
    });
    if (!written) throw new AppError('conflict', `${out}: the pack was taken over by another worker.`);
    const outcome = { ...written, files: total };
    if (!options.json && process.stderr.isTTY) process.stderr.write('\n');
    if (options.json)
      console.log(
        JSON.stringify({
          out,
          manifestSha256: outcome.manifestSha256,
          files: outcome.files,
          asOf: outcome.asOf.toISOString(),
        }),
      );
    else
      console.log(
        `Wrote ${out}: ${outcome.files} files, as of ${outcome.asOf.toISOString()}, ` +
          `manifest SHA-256 ${outcome.manifestSha256}.`,
      );
    return 0;
  });
}

export async function oscalCommand(options: PeriodOptions): Promise<number> {
  const out = required(options.out, '--out');
  assertNewFile(out);
  const now = new Date();
  const period =
    options.from || options.to
      ? parsePeriod(required(options.from, '--from'), required(options.to, '--to'))
      : { from: new Date(now.getTime() - 90 * 86_400_000), to: now };
  return withDatabase(async ({ db }) => {
    const ws = await resolveWorkspace(db, options.workspace);
    const doc = await oscalFor(db, cliActor(), ws.id, period, now);
    await writeNewFile(out, async (stream) => {
      stream.end(`${JSON.stringify(doc, null, 2)}\n`);
    });
    if (options.json)
      console.log(JSON.stringify({ out, period: { from: period.from.toISOString(), to: period.to.toISOString() } }));
    else
      console.log(
        `Wrote ${out}: OSCAL assessment results for ${ws.id}, ` +
          `[${period.from.toISOString()}, ${period.to.toISOString()}).`,
      );
    return 0;
  });
}
