// GET/POST /api/auth/* — the Auth.js sign-in flow (public by nature: it is how one signs in).
import { handlers } from '@/auth.ts';

export const { GET, POST } = handlers;
