// `tollgate gpts import FILE… [--workspace ID] [--complete] [--json]`: GPT pages an admin saved from the
// Compliance API (a list page, an array, one object, or JSONL) stored like a scheduled read, exactly once.
// Exit 0 every object stored, 1 some refused (each listed as FILE: id: field: reason; the others stored),
// 2 usage or a file that cannot be opened (nothing stored).
import { statSync } from 'node:fs';
import { importGptFiles } from '@/lib/gpts/store-import.ts';
import { resolveWorkspace } from '@/lib/workspaces/service.ts';
import { withDatabase } from './context.ts';

export type GptsImportOptions = { json: boolean; workspace?: string; complete: boolean; args: string[] };

export async function gptsImportCommand(options: GptsImportOptions): Promise<number> {
  for (const file of options.args) {
    let ok = false;
    try {
      ok = statSync(file).isFile();
    } catch {}
    if (!ok) {
      console.error(`${file}: not a readable file. Nothing was imported.`);
      return 2;
    }
  }
  return withDatabase(async ({ db }) => {
    const ws = await resolveWorkspace(db, options.workspace);
    const { runId, totals, issues } = await importGptFiles(db, ws.id, options.args, { complete: options.complete });
    if (options.json)
      console.log(
        JSON.stringify({
          run_id: runId,
          workspace: ws.id,
          ...totals,
          issues: issues.map((p) => ({ object_id: p.id, field: p.field, reason: p.message })),
        }),
      );
    else {
      console.log(
        `Imported into ${ws.id}: ${totals.listed} GPT(s) read, ${totals.created} new, ${totals.changed} changed, ` +
          `${totals.unchanged} unchanged` +
          (options.complete ? `, ${totals.missing} marked not listed` : '') +
          `, ${issues.length} refused.`,
      );
      for (const p of issues) console.error(`${p.id}: ${p.field}: ${p.message}`);
    }
    return issues.length ? 1 : 0;
  });
}
