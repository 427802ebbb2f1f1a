// The demo workspace's roster and governance configuration, as an admin would bring them in:
// the admin console members export (CSV), the live role layout and app action controls exported from
// the workspace settings (the guide's 6.01 / 6.02 pack formats). Deliberate departures from the guide:
// three workspace owners, an admin never re-attested, a direct agent-role assignment, a departed agent
// owner (her agents become orphaned), agents-build able to publish, Gmail on allow_all, Slack on custom.

export const DEMO_MEMBERS_FILENAME = 'acme-prod-members-export.csv';

export const DEMO_MEMBERS = `email,name,role,status,groups,agent_roles
hana.sato@acme.example,Hana Sato,owner,active,chatgpt-admins;agents-admin,
grace.hopper@acme.example,Grace Hopper,owner,active,chatgpt-admins,
ken.thompson@acme.example,Ken Thompson,owner,active,chatgpt-admins,
nora.walsh@acme.example,Nora Walsh,admin,active,chatgpt-admins;agents-admin,
marcus.lee@acme.example,Marcus Lee,member,active,agents-build,
priya.shah@acme.example,Priya Shah,member,active,agents-build,
aisha.okafor@acme.example,Aisha Okafor,member,active,agents-build,
tom.becker@acme.example,Tom Becker,member,active,agents-build,
jamie.chen@acme.example,Jamie Chen,member,active,agents-build,
sofia.martinez@acme.example,Sofia Martinez,member,active,agents-run,agents-build
elena.rossi@acme.example,Elena Rossi,member,active,agents-build,
david.kim@acme.example,David Kim,member,active,agents-run,
lars.nilsson@acme.example,Lars Nilsson,member,active,agents-build,
owen.price@acme.example,Owen Price,member,deactivated,agents-build,
ravi.menon@acme.example,Ravi Menon,member,active,agents-run,
lin.zhou@acme.example,Lin Zhou,member,active,agents-run,
`;

/** The live role layout, exported as the guide's 6.01 pack (four keys, as the pack ships). */
export const DEMO_OBSERVED_ROLES = `// Exported from Workspace settings → Members → Roles
{
  "roles": [
    { "name": "agents-run", "description": "Run published agents", "features": {
      "agents_use": "enabled", "agents_build": "disabled",
      "agents_publish": "disabled", "workspace_agents_for_slack": "enabled"
    } },
    // Departure: builders can publish org-wide.
    { "name": "agents-build", "description": "Build agents", "features": {
      "agents_use": "enabled", "agents_build": "enabled",
      "agents_publish": "enabled", "workspace_agents_for_slack": "disabled"
    } },
    { "name": "agents-admin", "description": "Publish agents", "features": {
      "agents_use": "enabled", "agents_build": "enabled",
      "agents_publish": "enabled", "workspace_agents_for_slack": "enabled"
    } }
  ]
}
`;

/** The live app action controls, exported as the guide's 6.02 pack. */
export const DEMO_OBSERVED_ACTION_CONTROL = `// Exported from Workspace settings → Apps
{
  "apps": {
    "gmail":          { "enabled": true, "action_control": "allow_all", "new_actions_default": "allow" },
    "google_drive":   { "enabled": true, "action_control": "read_only", "new_actions_default": "deny" },
    "outlook":        { "enabled": true, "action_control": "read_only", "new_actions_default": "deny" },
    "sharepoint":     { "enabled": true, "action_control": "read_only", "new_actions_default": "deny" },
    "salesforce":     { "enabled": true, "action_control": "read_only", "new_actions_default": "deny" },
    "slack": {
      "enabled": true,
      "action_control": "custom",
      "actions_allowed": ["search", "read_channel", "post_to_channel"],
      "actions_denied": ["dm_external", "post_to_dm"],
      "new_actions_default": "deny"
    },
    "github":         { "enabled": true, "action_control": "read_only", "new_actions_default": "deny" },
    "notion":         { "enabled": true, "action_control": "read_only", "new_actions_default": "deny" },
    "custom_mcp_servers": { "enabled": true, "action_control": "custom", "new_actions_default": "deny" }
  }
}
`;
