// Control 6.2: connector action control per app — the three values OpenAI exposes and the default for new actions.

export const MODES = ['allow_all', 'read_only', 'custom'] as const;
export type Mode = (typeof MODES)[number];

export const NEW_ACTION_DEFAULTS = ['deny', 'allow'] as const;
export type NewActionsDefault = (typeof NEW_ACTION_DEFAULTS)[number];

/** The pack's key for "every custom MCP server"; stored as this app id too. */
export const CUSTOM_MCP = 'custom_mcp_servers';

export type ControlSpec = {
  /** A catalogue app id (`gmail`, `google-drive`, `mcp:acme-crm`) or `custom_mcp_servers`. */
  appId: string;
  enabled: boolean;
  mode: Mode;
  /** custom only: actions the admin allowed / denied (the catalogue's action names). */
  allowedActions: string[];
  deniedActions: string[];
  newActionsDefault: NewActionsDefault;
};

export function isMcpAppId(appId: string): boolean {
  return appId === CUSTOM_MCP || appId.startsWith('mcp:');
}

/** `google-drive` → `google_drive`, as the guide's pack spells app keys. */
export function packKeyOf(appId: string): string {
  return isMcpAppId(appId) ? appId : appId.replace(/-/g, '_');
}
