// The demo provider's sign-in page: pick a demo person. Plain HTML, no script.
import { DEMO_USERS } from './users.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderSignInPage(uid: string, appUrl: string): string {
  const buttons = DEMO_USERS.map((u) => {
    const name = `<strong>${escapeHtml(u.name)}</strong>`;
    const detail = `<span>${escapeHtml(u.role)} · groups: ${escapeHtml(u.groups.join(', '))}</span>`;
    return `<li><form method="post" action="/interaction/${escapeHtml(uid)}/login">
      <input type="hidden" name="account" value="${escapeHtml(u.id)}">
      <button type="submit" data-role="${escapeHtml(u.role)}">${name}${detail}</button>
    </form></li>`;
  }).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Demo identity provider — Tollgate</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;background:#f4f5f7;color:#1b1f24;margin:0;display:grid;place-items:center;
  min-height:100vh}
main{background:#fff;border:1px solid #d7dbe0;border-radius:10px;padding:28px 32px;max-width:460px;width:100%;
  box-shadow:0 1px 3px rgba(0,0,0,.06)}
h1{font-size:20px;margin:0 0 6px}
.warn{background:#fff4d6;border:1px solid #e8c15a;border-radius:6px;padding:10px 12px;margin:12px 0 18px;color:#5c4300}
ul{list-style:none;padding:0;margin:0;display:grid;gap:8px}
button{width:100%;text-align:left;border:1px solid #c9ced6;background:#fff;border-radius:8px;padding:10px 14px;
  cursor:pointer;font:inherit;display:grid}
button:hover,button:focus-visible{border-color:#2357c6;outline:2px solid #2357c6;outline-offset:1px}
span{color:#56606b;font-size:13px}
</style></head><body><main>
<h1>Demo identity provider</h1>
<p class="warn"><strong>Demo mode:</strong> anyone can sign in as any role.
Configure <code>OIDC_ISSUER</code> to use your organisation's SSO.</p>
<p>Sign in to Tollgate (${escapeHtml(appUrl)}) as:</p>
<ul>${buttons}</ul>
</main></body></html>`;
}
