// The guide's 6.02 code pack (JSONC): `{ "apps": { "<app>": { enabled, action_control, actions_allowed,
// actions_denied, new_actions_default } } }`. App keys resolve through the catalogue (google_drive → google-drive);
// custom_mcp_servers covers every `mcp:` server; action names are checked against the catalogue.
import { z } from 'zod';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import type { Catalogue } from '@/lib/apps/types.ts';
import { PackError, parsePack, type PackIssue } from '@/lib/packs/jsonc.ts';
import { validateControl } from './validate.ts';
import { CUSTOM_MCP, MODES, NEW_ACTION_DEFAULTS, packKeyOf, type ControlSpec } from './types.ts';

const actionList = z
  .array(z.string({ error: 'expected an action name' }).trim().min(1, 'empty action name').max(200), {
    error: 'expected an array of action names',
  })
  .max(500);

const packAppSchema = z
  .object({
    enabled: z.boolean({ error: 'expected true or false' }),
    action_control: z.enum(MODES, { error: `expected one of ${MODES.join(', ')}` }),
    actions_allowed: actionList.optional(),
    actions_denied: actionList.optional(),
    new_actions_default: z.enum(NEW_ACTION_DEFAULTS, { error: 'expected "deny" or "allow"' }).optional(),
  })
  .strict();

export type PackApp = z.infer<typeof packAppSchema>;

const controlsPackSchema = z
  .object({
    apps: z.record(z.string().min(1).max(300), packAppSchema, {
      error: 'expected "apps" to be an object of app: settings',
    }),
  })
  .strict();

/** Parses a 6.02 pack's text (syntax and shape); throws PackError. */
export function parseControlsPack(text: string): Record<string, PackApp> {
  return parsePack(text, controlsPackSchema).apps;
}

/** Resolves pack app keys to catalogue ids and validates each control against the catalogue; throws PackError. */
export function resolvePackApps(
  apps: Record<string, PackApp>,
  catalogue: Catalogue,
  options: { skipUnknown?: boolean } = {},
) {
  const resolveApp = createAppResolver(catalogue);
  const issues: PackIssue[] = [];
  const controls: ControlSpec[] = [];
  const seen = new Map<string, string>();
  const at = (key: string, field?: string) => `apps.${key}${field ? `.${field}` : ''}`;
  for (const [key, app] of Object.entries(apps)) {
    let appId: string;
    if (key === CUSTOM_MCP) appId = CUSTOM_MCP;
    else {
      const resolved = resolveApp(key);
      if (resolved.status === 'unknown') {
        if (!options.skipUnknown)
          issues.push({
            message: `"${key}" is not in the app catalogue (add it on the Apps page first)`,
            path: at(key),
            line: null,
            column: null,
          });
        continue;
      }
      appId = resolved.id;
    }
    const other = seen.get(appId);
    if (other !== undefined) {
      issues.push({
        message: `"${key}" and "${other}" are the same app (${appId})`,
        path: at(key),
        line: null,
        column: null,
      });
      continue;
    }
    seen.set(appId, key);
    const control: ControlSpec = {
      appId,
      enabled: app.enabled,
      mode: app.action_control,
      allowedActions: [...new Set(app.actions_allowed ?? [])],
      deniedActions: [...new Set(app.actions_denied ?? [])],
      newActionsDefault: app.new_actions_default ?? 'deny',
    };
    for (const problem of validateControl(control, catalogue)) {
      issues.push({ message: problem.message, path: at(key, problem.field), line: null, column: null });
    }
    controls.push(control);
  }
  if (issues.length > 0) throw new PackError(issues);
  return { controls };
}

/** Parses, resolves and validates a 6.02 pack; PackError names the line and column or the JSON path. */
export function readControlsPack(text: string, catalogue: Catalogue): ControlSpec[] {
  return resolvePackApps(parseControlsPack(text), catalogue).controls;
}

/** The pack form of a set of controls, with lists only where the mode is custom. */
export function exportControlsPack(controls: ControlSpec[], header: string[] = []): string {
  const apps: Record<string, PackApp> = {};
  for (const c of controls) {
    apps[packKeyOf(c.appId)] = {
      enabled: c.enabled,
      action_control: c.mode,
      ...(c.mode === 'custom' && c.allowedActions.length > 0 ? { actions_allowed: c.allowedActions } : {}),
      ...(c.mode === 'custom' && c.deniedActions.length > 0 ? { actions_denied: c.deniedActions } : {}),
      new_actions_default: c.newActionsDefault,
    };
  }
  const comments = [
    '// HTH ChatGPT Enterprise Control 6.2: App Action-Control — exported by Tollgate',
    '// action_control: allow_all | read_only | custom; custom_mcp_servers applies to every custom MCP server.',
    ...header.map((line) => `// ${line.replace(/[\r\n]+/g, ' ')}`),
  ];
  return `${comments.join('\n')}\n${JSON.stringify({ apps }, null, 2)}\n`;
}
