// withRoute: the one way in for a route handler, like withScimBearer for SCIM. It authorizes (401/403 first),
// refuses a cross-site mutating request, reads the workspace (`ws`) the handler asks for, and turns errors
// into answers: AppError → its status, anything else logged with an error id behind a generic message.
// Upload routes run outside the proxy, so `upload: true` gives their answers the proxy's headers (uploadAnswer).
import 'server-only';
import { authorize, type AuthorizedActor } from '@/lib/auth/authorize.ts';
import type { Permission } from '@/lib/auth/permissions.ts';
import { db, type Db } from '@/lib/db.ts';
import { currentWorkspace } from '@/lib/workspaces/current.ts';
import { AppError } from './app-error.ts';
import { markEntry } from './entry-permission.ts';
import { assertSameOrigin, errorResponse } from './route.ts';
import { refuseWhenOverloaded } from './admission-gate.ts';
import { type UploadAnswer, uploadAnswer, uploadFilename } from './upload-answer.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How the handler wants `ws`: not at all; present (the service checks it); an existing workspace; an existing
 *  one or, without `ws`, the signed-in user's current workspace. */
export type WorkspaceMode = 'none' | 'required' | 'exists' | 'exists-or-current';
export type WorkspaceRef = { id: string; name: string };

type BaseContext<P> = {
  actor: AuthorizedActor;
  db: Db;
  request: Request;
  params: P;
  /** The file's name from X-Filename (URI-encoded by the browser), or `fallback`; malformed is a 400. */
  filename: (fallback: string) => string;
};
export type RouteContext<P, M extends WorkspaceMode> = BaseContext<P> &
  (M extends 'required'
    ? { workspaceId: string }
    : M extends 'none'
      ? object
      : { workspaceId: string; workspace: WorkspaceRef });

type Options<M extends WorkspaceMode> = { ws?: M; upload?: boolean };
type NextContext<P> = { params: Promise<P> };

export function withRoute<P = Record<string, never>, M extends WorkspaceMode = 'none'>(
  permission: Permission,
  handler: (ctx: RouteContext<P, M>) => Promise<Response>,
  options: Options<M> = {},
): (request: Request, context?: NextContext<P>) => Promise<Response> {
  const route = async (request: Request, context?: NextContext<P>) => {
    const answer = options.upload ? uploadAnswer(request) : (response: Response) => response;
    // Outside the proxy, an upload refuses for itself when the instance is overloaded (decision 0035).
    const refused = options.upload ? refuseWhenOverloaded(request, (answer as UploadAnswer).requestId) : null;
    if (refused) return answer(refused);
    try {
      const authorized = await authorize(permission);
      // Outside the proxy the answer's request id is the one the audit log should carry.
      const actor = options.upload
        ? { ...authorized, requestId: (answer as ReturnType<typeof uploadAnswer>).requestId }
        : authorized;
      if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request);
      const handle = db();
      const workspace = await readWorkspace(handle, request, options.ws ?? 'none');
      const params = ((await context?.params) ?? {}) as P;
      const ctx = {
        actor,
        db: handle,
        request,
        params,
        filename: (fallback: string) => uploadFilename(request, fallback),
        ...workspace,
      };
      return answer(await handler(ctx as RouteContext<P, M>));
    } catch (error) {
      return answer(errorResponse(error));
    }
  };
  return markEntry(route, permission);
}

async function readWorkspace(handle: Db, request: Request, mode: WorkspaceMode) {
  if (mode === 'none') return {};
  const ws = new URL(request.url).searchParams.get('ws');
  if (mode === 'required') {
    if (!ws) throw new AppError('bad_request', 'Missing ws (the workspace id).');
    return { workspaceId: ws };
  }
  const workspace = ws
    ? await handle.workspace.findUnique({ where: { id: ws }, select: { id: true, name: true } })
    : mode === 'exists-or-current'
      ? (await currentWorkspace()).current
      : null;
  if (!workspace) throw new AppError('not_found', 'No such workspace.');
  return { workspaceId: workspace.id, workspace };
}
