// `tollgate import members FILE`: the admin console members export into a workspace's roster, through the
// same preview → commit services as the Members page. Exit 0 imported, 2 bad input (nothing imported).
import {
  commitMemberImport,
  discardMemberImport,
  getMemberImport,
  MAX_MEMBER_IMPORT_BYTES,
  previewMemberImport,
  type MemberImportOutcome,
  type MemberImportPreview,
} from '@/lib/roster/import/service.ts';
import { runFileImport, type FileImportOptions } from './file-import.ts';

export type ImportMembersOptions = FileImportOptions;

export function importMembersCommand(options: ImportMembersOptions): Promise<number> {
  return runFileImport(
    {
      what: 'members',
      maxBytes: MAX_MEMBER_IMPORT_BYTES,
      preview: previewMemberImport,
      get: getMemberImport,
      discard: discardMemberImport,
      commit: (db, actor, ws, id, o) => commitMemberImport(db, actor, ws, id, o),
      formatPreview,
      formatOutcome,
    },
    options,
  );
}

function formatPreview(file: string, workspaceId: string, preview: MemberImportPreview, partial: boolean): string {
  const c = preview.counts;
  const lines = [
    `Preview of ${file} for workspace ${workspaceId} ` +
      `(${partial ? 'partial export: members not listed are left alone' : 'full export'}):`,
    `  ${preview.rows} row(s): ${c.created} new, ${c.changed} changed, ${c.unchanged} unchanged, ` +
      `${c.removed} to mark removed, ${preview.errorCount} invalid`,
  ];
  if (c.scimKept)
    lines.push(`  ${c.scimKept} member(s) provisioned by SCIM: their name, status and groups are kept from SCIM`);
  return lines.join('\n');
}

function formatOutcome(outcome: MemberImportOutcome): string {
  const lines = [
    `Imported: ${outcome.created} new, ${outcome.changed} changed, ${outcome.unchanged} unchanged, ` +
      `${outcome.removed} marked removed` +
      (outcome.skippedCount ? `, ${outcome.skippedCount} invalid row(s) skipped.` : '.'),
  ];
  if (outcome.groupsCreated.length) lines.push(`Groups created: ${outcome.groupsCreated.join(', ')}`);
  return lines.join('\n');
}
