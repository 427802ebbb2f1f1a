// publicRoute: the way in for the few route handlers anyone may call (liveness). No session is read; the
// wrapper only hands the handler the database and turns errors into answers, as withRoute does, so that no
// file under app/ imports lib/db. test/authz.test.ts accepts it only for an entry on its reviewed PUBLIC list.
import 'server-only';
import { db, type Db } from '@/lib/db.ts';
import { assertSameOrigin, errorResponse } from './route.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type PublicContext = { db: Db; request: Request };

export function publicRoute(
  handler: (ctx: PublicContext) => Promise<Response>,
  // Only SAML's assertion consumer service: the IdP's form POST is cross-site by protocol (decision 0027).
  options: { crossSitePost?: boolean } = {},
): (request: Request) => Promise<Response> {
  return async (request: Request) => {
    try {
      // A public route that changes anything still refuses a cross-site request.
      if (!SAFE_METHODS.has(request.method) && !options.crossSitePost) assertSameOrigin(request);
      return await handler({ db: db(), request });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
