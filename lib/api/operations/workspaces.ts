// Workspaces the token may see.
import { z } from 'zod';
import { listOf, pageOf, pageQuery, decodeCursor } from '../cursor.ts';
import { defineOperation } from '../operation.ts';
import { ApiProblem } from '../problem.ts';

const Workspace = z.object({ id: z.string(), name: z.string() }).meta({ id: 'Workspace' });

export const workspaceOperations = [
  defineOperation({
    id: 'listWorkspaces',
    method: 'GET',
    path: '/workspaces',
    tag: 'Workspaces',
    summary: 'Workspaces this token reaches',
    permission: 'overview:read',
    workspace: 'none',
    query: z.object(pageQuery),
    responses: { 200: { description: 'A page of workspaces, by id.', schema: listOf(Workspace) } },
    async handle({ db, token, query }) {
      const after = decodeCursor(query.cursor, 1);
      const rows = await db.workspace.findMany({
        where: {
          ...(token.workspaceId ? { id: token.workspaceId } : {}),
          ...(after
            ? { id: { gt: String(after[0]), ...(token.workspaceId ? { equals: token.workspaceId } : {}) } }
            : {}),
        },
        orderBy: { id: 'asc' },
        take: query.limit + 1,
        select: { id: true, name: true },
      });
      return {
        status: 200,
        body: pageOf(
          rows,
          query.limit,
          (r) => [r.id],
          (r) => r,
        ),
      };
    },
  }),
  defineOperation({
    id: 'getWorkspace',
    method: 'GET',
    path: '/workspaces/{workspace_id}',
    tag: 'Workspaces',
    summary: 'One workspace',
    permission: 'overview:read',
    workspace: 'none',
    params: z.object({ workspace_id: z.string().min(1).max(200) }),
    responses: { 200: { description: 'The workspace.', schema: Workspace } },
    async handle({ db, params, inScope }) {
      const row = inScope(params.workspace_id)
        ? await db.workspace.findUnique({ where: { id: params.workspace_id }, select: { id: true, name: true } })
        : null;
      if (!row) throw new ApiProblem('not-found', 'No such workspace.');
      return { status: 200, body: row };
    },
  }),
];
