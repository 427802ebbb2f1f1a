// GET|POST /api/auth/saml/login — starts a SAML sign-in: an AuthnRequest to the IdP by HTTP-Redirect.
import { publicRoute } from '@/lib/http/public-route.ts';
import { samlLogin } from '@/lib/auth/saml/routes.ts';

export const dynamic = 'force-dynamic';

export const GET = publicRoute(samlLogin);
export const POST = publicRoute(samlLogin);
