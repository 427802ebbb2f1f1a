// Name folding for app matching: whole names only, never substrings.
// "Google Drive", "google_drive" and "GOOGLE-DRIVE" fold to the same key; "drive2" does not match "drive".

const MCP_PREFIX = /^mcp\s*:\s*/i;

export function foldAppName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/** `mcp:<name>` marks a custom MCP server; returns its id as `mcp:<name>` (name trimmed), else null. */
export function mcpId(written: string): string | null {
  const trimmed = written.trim();
  if (!MCP_PREFIX.test(trimmed)) return null;
  const name = trimmed.replace(MCP_PREFIX, '').trim();
  return name === '' ? null : `mcp:${name}`;
}

/** Folding key for an MCP id: the prefix and the name both folded. */
export function foldMcpId(id: string): string {
  return `mcp:${foldAppName(id.slice(4))}`;
}
