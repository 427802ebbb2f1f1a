// The default baseline: the guide's 6.02 pack, as shipped (read_only and deny everywhere; Slack custom with
// reads allowed and posts denied; custom MCP servers custom with deny). Resolved against the workspace's
// catalogue, so an app the catalogue no longer has drops out.
import type { Catalogue } from '@/lib/apps/types.ts';
import type { PackApp } from './pack.ts';
import { resolvePackApps } from './pack.ts';
import type { ControlSpec } from './types.ts';

const readOnly = (): PackApp => ({ enabled: false, action_control: 'read_only', new_actions_default: 'deny' });

export const GUIDE_ACTION_CONTROL_PACK: Record<string, PackApp> = {
  gmail: readOnly(),
  google_drive: readOnly(),
  google_calendar: readOnly(),
  outlook: readOnly(),
  sharepoint: readOnly(),
  salesforce: readOnly(),
  slack: {
    enabled: false,
    action_control: 'custom',
    actions_allowed: ['search', 'read_channel'],
    actions_denied: ['post_to_channel', 'dm_external', 'post_to_dm'],
    new_actions_default: 'deny',
  },
  github: readOnly(),
  notion: readOnly(),
  atlassian_rovo: readOnly(),
  custom_mcp_servers: { enabled: false, action_control: 'custom', new_actions_default: 'deny' },
};

export function defaultBaselineControls(catalogue: Catalogue): ControlSpec[] {
  const { controls } = resolvePackApps(GUIDE_ACTION_CONTROL_PACK, catalogue, { skipUnknown: true });
  return controls;
}
