// `tollgate import agents FILE`: the Global Admin Console agent export into a workspace's inventory,
// through the same preview → commit services as the Agents page. Exit 0 imported, 2 bad input (nothing imported).
import {
  commitImport,
  discardImport,
  getImport,
  MAX_IMPORT_BYTES,
  previewImport,
  type ImportOutcome,
  type ImportPreview,
} from '@/lib/agents/import/service.ts';
import { runFileImport, type FileImportOptions } from './file-import.ts';

export type ImportAgentsOptions = FileImportOptions;

export function importAgentsCommand(options: ImportAgentsOptions): Promise<number> {
  return runFileImport(
    {
      what: 'agents',
      maxBytes: MAX_IMPORT_BYTES,
      previewFile: previewImport,
      get: getImport,
      discard: discardImport,
      commit: commitImport,
      formatPreview,
      formatOutcome,
    },
    options,
  );
}

function formatPreview(file: string, workspaceId: string, preview: ImportPreview, partial: boolean): string {
  const c = preview.counts;
  const lines = [
    `Preview of ${file} for workspace ${workspaceId} ` +
      `(${partial ? 'partial export: agents not listed are left alone' : 'full export'}):`,
    `  ${preview.rows} row(s): ${c.created} new, ${c.changed} changed, ${c.unchanged} unchanged, ` +
      `${c.missing} not in this export, ${preview.errorCount} invalid`,
  ];
  return lines.join('\n');
}

function formatOutcome(outcome: ImportOutcome): string {
  const lines = [
    `Imported: ${outcome.created} new, ${outcome.changed} changed, ${outcome.unchanged} unchanged, ` +
      `${outcome.missing} marked not in latest export` +
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
