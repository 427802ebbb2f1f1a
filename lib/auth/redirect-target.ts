// Where to send a user after sign-in, from a value the user controls (?callbackUrl=, a form field, Auth.js's
// redirect). Only a path of this app is accepted, judged the way the browser will read it: after URL parsing
// (which drops tabs and newlines and reads "\" as "/"), never by looking at the string's first characters.

/** A same-origin path (pathname + search + hash) for `value`, or "/" when it points anywhere else. */
export function safeRedirectPath(value: unknown, appOrigin: string): string {
  if (typeof value !== 'string' || value === '') return '/';
  let url: URL;
  try {
    url = new URL(value, appOrigin);
  } catch {
    return '/';
  }
  if (url.origin !== new URL(appOrigin).origin) return '/';
  // "/.//evil" parses to the path "//evil", which a browser reads back as the host "evil".
  const path = url.pathname.replace(/^\/+/, '/') + url.search + url.hash;
  return new URL(path, appOrigin).origin === new URL(appOrigin).origin ? path : '/';
}
