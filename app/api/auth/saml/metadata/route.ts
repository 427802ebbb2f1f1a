// GET /api/auth/saml/metadata — the SP metadata an IdP administrator imports (public: it holds no secret).
import { publicRoute } from '@/lib/http/public-route.ts';
import { samlMetadata } from '@/lib/auth/saml/routes.ts';

export const dynamic = 'force-dynamic';

export const GET = publicRoute(samlMetadata);
