// POST /api/auth/saml/acs — the assertion consumer service: the IdP's signed answer, posted cross-site by design.
import { publicRoute } from '@/lib/http/public-route.ts';
import { samlAcs } from '@/lib/auth/saml/routes.ts';

export const dynamic = 'force-dynamic';

export const POST = publicRoute(samlAcs, { crossSitePost: true });
