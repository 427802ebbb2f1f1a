// The flow shared by `tollgate import agents` and `tollgate import members`: read the file (size-limited; the agent
// import reads it in pieces itself), preview it through the same service as the page, list every invalid row as
// FILE:LINE: reason, then commit all or nothing. Exit 0 imported, 2 bad input (nothing imported).
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { resolveWorkspace } from '@/lib/workspaces/service.ts';
import { withDatabase } from './context.ts';

export type FileImportOptions = {
  json: boolean;
  workspace?: string;
  partial: boolean;
  skipInvalid: boolean;
  args: string[];
};

type Preview = {
  fatal: { line: number; reason: string } | null;
  errors: { line: number; reason: string }[];
  errorCount: number;
};

export type ImportService<P extends Preview, O> = {
  /** "agents" or "members": names the command in messages. */
  what: string;
  maxBytes: number;
  /** Previews the file's bytes (read whole, within maxBytes)… */
  preview?: (
    db: Db,
    actor: Actor,
    workspaceId: string,
    file: { filename: string; content: Buffer; fullExport: boolean },
  ) => Promise<{ id: string }>;
  /** …or the file itself, which the service reads in pieces (the agent import: never held whole). */
  previewFile?: (
    db: Db,
    actor: Actor,
    workspaceId: string,
    file: { filename: string; path: string; fullExport: boolean },
  ) => Promise<{ id: string }>;
  get: (db: Db, workspaceId: string, id: string) => Promise<{ preview: P }>;
  discard: (db: Db, actor: Actor, workspaceId: string, id: string) => Promise<unknown>;
  commit: (db: Db, actor: Actor, workspaceId: string, id: string, options: { skipInvalid: boolean }) => Promise<O>;
  formatPreview: (file: string, workspaceId: string, preview: P, partial: boolean) => string;
  formatOutcome: (outcome: O) => string;
};

/** `cli:<os user>`: who ran the command, as the audit trail records it. */
export function cliActor(): Actor {
  let user: string | undefined;
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers).
  }
  user ||= process.env.USER || process.env.LOGNAME || 'unknown';
  return { id: null, label: `cli:${user}`, role: null };
}

export async function runFileImport<P extends Preview, O extends object>(
  service: ImportService<P, O>,
  options: FileImportOptions,
): Promise<number> {
  const command = `tollgate import ${service.what}`;
  if (options.args.length !== 1) {
    console.error(
      `${command}: one FILE expected, got ${options.args.length} ` +
        `(usage: ${command} FILE [--workspace ID] [--partial] [--skip-invalid] [--json])`,
    );
    return 2;
  }
  const file = options.args[0]!;
  let content: Buffer | null = null;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    if (info.size > service.maxBytes) throw new Error(`larger than ${service.maxBytes / 1024 / 1024} MiB`);
    if (!service.previewFile) content = await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    console.error(`${command}: cannot read ${file}: ${reason}`);
    return 2;
  }

  const actor = cliActor();
  return withDatabase(async ({ db }) => {
    const workspace = await resolveWorkspace(db, options.workspace);
    const filename = path.basename(file);
    const fullExport = !options.partial;
    const { id } = service.previewFile
      ? await service.previewFile(db, actor, workspace.id, { filename, path: file, fullExport })
      : await service.preview!(db, actor, workspace.id, { filename, content: content!, fullExport });
    const { preview } = await service.get(db, workspace.id, id);

    if (preview.fatal) {
      console.error(`${file}:${preview.fatal.line}: ${preview.fatal.reason}`);
      console.error('Nothing was imported.');
      await service.discard(db, actor, workspace.id, id);
      return 2;
    }
    for (const e of preview.errors) console.error(`${file}:${e.line}: ${e.reason}`);
    if (preview.errorCount > preview.errors.length)
      console.error(`${file}: … and ${preview.errorCount - preview.errors.length} more invalid row(s)`);
    if (!options.json) console.log(service.formatPreview(file, workspace.id, preview, options.partial));

    if (preview.errorCount > 0 && !options.skipInvalid) {
      console.error(
        `${preview.errorCount} invalid row(s): nothing was imported. ` +
          'Fix the file, or pass --skip-invalid to import the valid rows.',
      );
      await service.discard(db, actor, workspace.id, id);
      return 2;
    }

    const outcome = await service.commit(db, actor, workspace.id, id, { skipInvalid: options.skipInvalid });
    if (options.json) console.log(JSON.stringify({ importId: id, workspaceId: workspace.id, ...outcome }));
    else console.log(service.formatOutcome(outcome));
    return 0;
  });
}
