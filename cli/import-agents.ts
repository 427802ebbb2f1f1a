// `tollgate import agents FILE`: the Global Admin Console agent export into a workspace's inventory,
// through the same preview → commit services as the Agents page. Exit 0 imported, 2 bad input (nothing imported).
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from '../lib/audit/record.ts';
import { commitImport, discardImport, getImport, MAX_IMPORT_BYTES, previewImport, type ImportOutcome, type ImportPreview } from '../lib/agents/import/service.ts';
import { resolveWorkspace } from '../lib/workspaces/service.ts';
import { withDatabase } from './context.ts';

export type ImportAgentsOptions = { json: boolean; workspace?: string; partial: boolean; skipInvalid: boolean; args: string[] };

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

export async function importAgentsCommand(options: ImportAgentsOptions): Promise<number> {
  if (options.args.length !== 1) {
    console.error(`tollgate import agents: one FILE expected, got ${options.args.length} (usage: tollgate import agents FILE [--workspace ID] [--partial] [--skip-invalid] [--json])`);
    return 2;
  }
  const file = options.args[0]!;
  let content: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    if (info.size > MAX_IMPORT_BYTES) throw new Error(`larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB`);
    content = await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    console.error(`tollgate import agents: cannot read ${file}: ${reason}`);
    return 2;
  }

  const actor = cliActor();
  return withDatabase(async ({ db }) => {
    const workspace = await resolveWorkspace(db, options.workspace);
    const { id } = await previewImport(db, actor, workspace.id, { filename: path.basename(file), content, fullExport: !options.partial });
    const { preview } = await getImport(db, workspace.id, id);

    if (preview.fatal) {
      console.error(`${file}:${preview.fatal.line}: ${preview.fatal.reason}`);
      console.error('Nothing was imported.');
      await discardImport(db, actor, workspace.id, id);
      return 2;
    }
    for (const e of preview.errors) console.error(`${file}:${e.line}: ${e.reason}`);
    if (preview.errorCount > preview.errors.length) console.error(`${file}: … and ${preview.errorCount - preview.errors.length} more invalid row(s)`);
    if (!options.json) console.log(formatPreview(file, workspace.id, preview, options.partial));

    if (preview.errorCount > 0 && !options.skipInvalid) {
      console.error(`${preview.errorCount} invalid row(s): nothing was imported. Fix the file, or pass --skip-invalid to import the valid rows.`);
      await discardImport(db, actor, workspace.id, id);
      return 2;
    }

    const outcome = await commitImport(db, actor, workspace.id, id, { skipInvalid: options.skipInvalid });
    if (options.json) console.log(JSON.stringify({ importId: id, workspaceId: workspace.id, ...outcome }));
    else console.log(formatOutcome(outcome));
    return 0;
  });
}

function formatPreview(file: string, workspaceId: string, preview: ImportPreview, partial: boolean): string {
  const c = preview.counts;
  const lines = [
    `Preview of ${file} for workspace ${workspaceId} (${partial ? 'partial export: agents not listed are left alone' : 'full export'}):`,
    `  ${preview.rows} row(s): ${c.created} new, ${c.changed} changed, ${c.unchanged} unchanged, ${c.missing} not in this export, ${preview.errorCount} invalid`,
  ];
  return lines.join('\n');
}

function formatOutcome(outcome: ImportOutcome): string {
  const lines = [
    `Imported: ${outcome.created} new, ${outcome.changed} changed, ${outcome.unchanged} unchanged, ${outcome.missing} marked not in latest export` +
      (outcome.skippedCount ? `, ${outcome.skippedCount} invalid row(s) skipped.` : '.'),
  ];
  if (outcome.newlyTrifectaCount === 0) lines.push('No agent newly became a lethal trifecta.');
  else {
    lines.push(`${outcome.newlyTrifectaCount} agent(s) newly became a lethal trifecta:`);
    for (const a of outcome.newlyTrifecta) lines.push(`  ${oneLine(a.name) || '(no name)'} (${a.agentId})`);
    const more = outcome.newlyTrifectaCount - outcome.newlyTrifecta.length;
    if (more > 0) lines.push(`  … and ${more} more (see the Agents page)`);
  }
  return lines.join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
