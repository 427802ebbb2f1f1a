// Agent imports: the Agents → Import page's all-or-nothing service (lib/agents/import/service.ts). Upload the
// Global Admin Console export as the raw CSV body → a stored preview (nothing changes; invalid rows listed by
// line, as the page stores them) → commit in one transaction (409 when already done or the inventory changed).
import { z } from 'zod';
import { commitImport, getImport, MAX_IMPORT_BYTES, previewImport } from '@/lib/agents/import/service.ts';
import { defineOperation, type Operation } from '../operation.ts';
import { AgentImport, showImport } from './import-shapes.ts';

const MAX_IMPORT_MB = MAX_IMPORT_BYTES / 1024 / 1024;
const importId = z.object({ import_id: z.string().min(1).max(100).meta({ description: 'The import id.' }) });

const EXAMPLE_CSV = [
  'agent_id,agent_name,owner_email,connected_apps,status',
  'agt_api_example_01,Quarterly report drafter,priya.shah@acme.example,Google Drive;Google Docs,draft',
  '',
].join('\n');

export const importOperations: Operation[] = [
  defineOperation({
    id: 'createAgentImport',
    method: 'POST',
    path: '/agent-imports',
    tag: 'Agent imports',
    summary: 'Upload an agent export and preview it',
    description:
      `The raw CSV of the Global Admin Console agent export as the body (text/csv, at most ${MAX_IMPORT_MB} MB, ` +
      'about 3 million agents; streamed, never held in memory): columns agent_id, agent_name, owner_email, ' +
      'connected_apps, optional status. Nothing changes until the commit. ' +
      'Invalid rows are listed in the preview by line; a file that cannot be read at all has `fatal`. ' +
      'full_export=true marks the agents it does not list "not in latest export" (never deleted).',
    permission: 'agents:write',
    workspace: 'query',
    query: z.object({
      full_export: z
        .enum(['true', 'false'])
        .default('false')
        .meta({ description: 'A full export (true) or a partial one (false, the default).' }),
      filename: z.string().trim().min(1).max(255).optional().meta({ description: 'Kept with the import.' }),
    }),
    body: { raw: ['text/csv'], maxBytes: MAX_IMPORT_BYTES },
    example: EXAMPLE_CSV,
    responses: {
      201: { description: 'The stored preview.', schema: AgentImport, headers: { location: 'The import.' } },
    },
    async handle({ db, actor, workspaceId, query, body }) {
      // The body arrives spooled to a file (lib/api/request.ts withRawBody), which the preview reads in pieces.
      const { id } = await previewImport(db, actor, workspaceId, {
        filename: query.filename ?? 'agents.csv',
        path: body.path,
        fullExport: query.full_export === 'true',
      });
      return {
        status: 201,
        body: showImport(await getImport(db, workspaceId, id)),
        headers: { location: `/api/v1/agent-imports/${id}?ws=${encodeURIComponent(workspaceId)}` },
      };
    },
  }),
  defineOperation({
    id: 'getAgentImport',
    method: 'GET',
    path: '/agent-imports/{import_id}',
    tag: 'Agent imports',
    summary: 'One agent import: its preview, or what its commit did',
    permission: 'agents:write',
    workspace: 'query',
    params: importId,
    responses: { 200: { description: 'The import.', schema: AgentImport } },
    async handle({ db, workspaceId, params }) {
      return { status: 200, body: showImport(await getImport(db, workspaceId, params.import_id)) };
    },
  }),
  defineOperation({
    id: 'commitAgentImport',
    method: 'POST',
    path: '/agent-imports/{import_id}/commit',
    tag: 'Agent imports',
    summary: 'Commit a previewed import, all or nothing',
    description:
      'Writes every change of the preview in one transaction. 409 when the import was already committed or ' +
      'discarded, or the inventory changed since the preview (upload again); 422 when the file has invalid rows ' +
      'and skip_invalid is not true, or cannot be read at all. Nothing is written then.',
    permission: 'agents:write',
    workspace: 'query',
    params: importId,
    body: z.strictObject({
      skip_invalid: z.boolean().default(false).meta({ description: 'Import the valid rows, skipping invalid ones.' }),
    }),
    example: { skip_invalid: false },
    responses: { 200: { description: 'Committed: the import with its outcome.', schema: AgentImport } },
    async handle({ db, actor, workspaceId, params, body }) {
      await commitImport(db, actor, workspaceId, params.import_id, { skipInvalid: body.skip_invalid });
      return { status: 200, body: showImport(await getImport(db, workspaceId, params.import_id)) };
    },
  }),
];
