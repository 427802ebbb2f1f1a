// Reads the IdP groups claim (names or ids — Entra sends ids). Null means the claim is missing.
export function readGroupsClaim(profile: Record<string, unknown>, claimName = 'groups'): string[] | null {
  const value = profile[claimName || 'groups'];
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(/[,\s]+/).filter(Boolean);
  return null;
}
