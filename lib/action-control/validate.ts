// One action control checked against the catalogue: custom lists name real actions of that app, and never both.
import type { Catalogue } from '@/lib/apps/types.ts';
import { CUSTOM_MCP, isMcpAppId, type ControlSpec } from './types.ts';

export type ControlProblem = { field?: string; message: string };

export function validateControl(control: ControlSpec, catalogue: Catalogue): ControlProblem[] {
  const problems: ControlProblem[] = [];
  if (control.mode !== 'custom') {
    if (control.allowedActions.length > 0)
      problems.push({
        field: 'actions_allowed',
        message: `actions can only be listed when action_control is custom (it is ${control.mode})`,
      });
    if (control.deniedActions.length > 0)
      problems.push({
        field: 'actions_denied',
        message: `actions can only be listed when action_control is custom (it is ${control.mode})`,
      });
    return problems;
  }
  const app = control.appId === CUSTOM_MCP ? undefined : catalogue.apps.find((a) => a.id === control.appId);
  if (!app && !isMcpAppId(control.appId)) return [{ message: `${control.appId} is not in the app catalogue` }];
  // An MCP server's tools are its own: any name goes until the catalogue lists its actions.
  const known = app && app.actions.length > 0 ? new Set(app.actions.map((a) => a.name)) : null;
  const check = (field: 'actions_allowed' | 'actions_denied', names: string[]) => {
    names.forEach((name, i) => {
      if (known && !known.has(name))
        problems.push({
          field: `${field}[${i}]`,
          message: `"${name}" is not an action of ${app!.name} (known: ${[...known].join(', ')})`,
        });
    });
  };
  check('actions_allowed', control.allowedActions);
  check('actions_denied', control.deniedActions);
  const denied = new Set(control.deniedActions);
  const both = control.allowedActions.filter((a) => denied.has(a));
  if (both.length > 0)
    problems.push({ field: 'actions_denied', message: `${both.join(', ')} both allowed and denied` });
  return problems;
}
