import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { PackError } from '@/lib/packs/jsonc.ts';
import { classifyAgent } from '@/lib/trifecta/classify.ts';
import { compareControls } from './compare.ts';
import { defaultBaselineControls } from './defaults.ts';
import { closesSends, indexControls, withActionControls } from './effect.ts';
import { exportControlsPack, readControlsPack } from './pack.ts';
import type { ControlSpec } from './types.ts';
import { validateControl } from './validate.ts';

const shipped = readFileSync(
  new URL('../packs/fixtures/hth-chatgpt-enterprise-6.02-action-control-readonly.jsonc', import.meta.url),
  'utf8',
);
const guide = builtinCatalogue('guide');

function packError(run: () => unknown): PackError {
  try {
    run();
  } catch (error) {
    if (error instanceof PackError) return error;
    throw error;
  }
  throw new Error('expected a PackError');
}

describe('6.02 action-control pack', () => {
  it('reads the shipped pack, resolving its keys to catalogue ids', () => {
    const controls = readControlsPack(shipped, guide);
    expect(controls.map((c) => c.appId)).toEqual([
      'gmail',
      'google-drive',
      'google-calendar',
      'outlook',
      'sharepoint',
      'salesforce',
      'slack',
      'github',
      'notion',
      'atlassian-rovo',
      'custom_mcp_servers',
    ]);
    expect(controls.find((c) => c.appId === 'slack')).toEqual({
      appId: 'slack',
      enabled: false,
      mode: 'custom',
      allowedActions: ['search', 'read_channel'],
      deniedActions: ['post_to_channel', 'dm_external', 'post_to_dm'],
      newActionsDefault: 'deny',
    });
  });

  it('has the shipped pack as its default baseline, and round-trips through export', () => {
    const controls = readControlsPack(shipped, guide);
    expect(defaultBaselineControls(guide)).toEqual(controls);
    const exported = exportControlsPack(controls);
    expect(exported).toContain('"google_drive": {');
    expect(readControlsPack(exported, guide)).toEqual(controls);
  });

  it('names the path of an unknown app, an action the app does not have, and lists outside custom', () => {
    const error = packError(() =>
      readControlsPack(
        `{"apps": {
      "dropbox_business": { "enabled": true, "action_control": "read_only" },
      "slack": { "enabled": true, "action_control": "custom",
        "actions_denied": ["post_to_channel", "post_everywhere"] },
      "gmail": { "enabled": true, "action_control": "read_only", "actions_denied": ["send"] }
    }}`,
        guide,
      ),
    );
    expect(error.message).toContain('apps.dropbox_business: "dropbox_business" is not in the app catalogue');
    expect(error.message).toContain('apps.slack.actions_denied[1]: "post_everywhere" is not an action of Slack');
    expect(error.message).toContain(
      'apps.gmail.actions_denied: actions can only be listed when action_control is custom',
    );
  });

  it('names the line, column and path of a bad mode', () => {
    const error = packError(() =>
      readControlsPack('{\n  "apps": {\n    "gmail": { "enabled": true, "action_control": "readonly" }\n  }\n}', guide),
    );
    expect(error.issues[0]).toMatchObject({ path: 'apps.gmail.action_control', line: 3, column: 51 });
    expect(error.issues[0]!.message).toMatch(/allow_all, read_only, custom/);
  });

  it('refuses two keys naming one app, and an action both allowed and denied', () => {
    expect(() =>
      readControlsPack(
        '{"apps": {"google_drive": {"enabled": true, "action_control": ' +
          '"read_only"}, "Google Drive": {"enabled": true, "action_control": "read_only"}}}',
        guide,
      ),
    ).toThrow(/same app \(google-drive\)/);
    expect(
      validateControl(
        {
          appId: 'slack',
          enabled: true,
          mode: 'custom',
          allowedActions: ['search'],
          deniedActions: ['search'],
          newActionsDefault: 'deny',
        },
        guide,
      )[0]!.message,
    ).toMatch(/both allowed and denied/);
  });

  it('accepts any tool name on MCP servers', () => {
    const [control] = readControlsPack(
      '{"apps": {"mcp:acme-crm": {"enabled": true, "action_control": "custom", "actions_denied": ["export_all"]}}}',
      guide,
    );
    expect(control).toMatchObject({ appId: 'mcp:acme-crm', deniedActions: ['export_all'] });
  });
});

describe('observed action control and the trifecta', () => {
  const resolveApp = createAppResolver(guide);
  const control = (appId: string, mode: ControlSpec['mode'], deniedActions: string[] = []): ControlSpec => ({
    appId,
    enabled: true,
    mode,
    allowedActions: [],
    deniedActions,
    newActionsDefault: 'deny',
  });
  const state = (apps: string[], controls: ControlSpec[]) =>
    classifyAgent(
      withActionControls(
        apps.map((app) => ({ app })),
        indexControls(controls),
        resolveApp,
      ),
      resolveApp,
    ).effectiveState;

  it('Gmail read_only mitigates a Gmail-only trifecta; allow_all does not', () => {
    expect(state(['Gmail'], [])).toBe('exposed');
    expect(state(['Gmail'], [control('gmail', 'read_only')])).toBe('mitigated');
    expect(state(['Gmail'], [control('gmail', 'allow_all')])).toBe('exposed');
  });

  it('custom mitigates only when every external-send action is denied', () => {
    expect(state(['Gmail'], [control('gmail', 'custom', ['send'])])).toBe('exposed');
    expect(state(['Gmail'], [control('gmail', 'custom', ['send', 'reply'])])).toBe('mitigated');
  });

  it('Web Search read_only does not mitigate: its reads are outbound requests', () => {
    expect(state(['Drive', 'Notion', 'Web Search'], [control('web-search', 'read_only')])).toBe('exposed');
    expect(state(['Drive', 'Notion', 'Browser'], [control('browser', 'read_only')])).toBe('exposed');
  });

  it('every sender must be closed, and custom_mcp_servers reaches classified MCP servers', () => {
    expect(state(['Gmail', 'Slack'], [control('gmail', 'read_only')])).toBe('exposed');
    expect(
      state(
        ['Gmail', 'Slack'],
        [control('gmail', 'read_only'), control('slack', 'custom', ['post_to_channel', 'post_to_dm', 'dm_external'])],
      ),
    ).toBe('mitigated');
    const withMcp = {
      ...guide,
      apps: [
        ...guide.apps,
        {
          id: 'mcp:acme',
          name: 'Acme',
          aliases: [],
          legs: ['external_send' as const],
          actions: [{ name: 'push', access: 'write' as const, externalSend: true, approvalCategory: null }],
        },
      ],
    };
    const r = createAppResolver(withMcp);
    const cls = (controls: ControlSpec[]) =>
      classifyAgent(
        withActionControls([{ app: 'Drive' }, { app: 'Notion' }, { app: 'mcp:acme' }], indexControls(controls), r),
        r,
      ).effectiveState;
    expect(cls([])).toBe('exposed');
    expect(cls([control('custom_mcp_servers', 'read_only')])).toBe('mitigated');
    expect(cls([control('custom_mcp_servers', 'read_only'), control('mcp:acme', 'allow_all')])).toBe('exposed');
  });

  it('compares observed to baseline field by field', () => {
    const baseline = defaultBaselineControls(guide);
    const observed = [
      control('gmail', 'allow_all'),
      { ...control('slack', 'custom', ['post_to_dm']), allowedActions: ['search', 'read_channel'], enabled: false },
      control('web-search', 'read_only'),
    ];
    const messages = compareControls(baseline, observed).map((d) => d.message);
    expect(messages).toContain('gmail: enabled true (baseline: false)');
    expect(messages).toContain('gmail: mode allow_all (baseline: read_only)');
    expect(messages).toContain('slack: deniedActions post_to_dm (baseline: dm_external, post_to_channel, post_to_dm)');
    // Missing from the export = not enabled: a departure only where the baseline enables the app.
    expect(messages.some((m) => m.startsWith('google_drive'))).toBe(false);
    const enabledDrive = baseline.map((c) => (c.appId === 'google-drive' ? { ...c, enabled: true } : c));
    expect(compareControls(enabledDrive, observed).map((d) => d.message)).toContain(
      'google_drive is enabled in the baseline but not in the observed configuration',
    );
    expect(compareControls(baseline, [control('gmail', 'custom', ['send'])]).map((d) => d.message)).toEqual([
      'gmail: enabled true (baseline: false)',
      'gmail: mode custom (baseline: read_only)',
    ]);
    expect(messages).toContain('web_search is not in the baseline (enabled, read_only)');
    expect(messages.some((m) => m.startsWith('slack: allowedActions'))).toBe(false);
  });
});

describe('closesSends', () => {
  const resolveApp = createAppResolver(guide);
  const c = (appId: string, mode: ControlSpec['mode'], deniedActions: string[] = []): ControlSpec => ({
    appId,
    enabled: true,
    mode,
    allowedActions: [],
    deniedActions,
    newActionsDefault: 'deny',
  });
  it('says which controls close an app’s sends', () => {
    expect(closesSends('gmail', c('gmail', 'read_only'), resolveApp)).toBe(true);
    expect(closesSends('gmail', undefined, resolveApp)).toBe(false);
    expect(closesSends('web-search', c('web-search', 'read_only'), resolveApp)).toBe(false);
    expect(closesSends('google-drive', c('google-drive', 'allow_all'), resolveApp)).toBeNull();
    expect(
      closesSends(
        'slack',
        defaultBaselineControls(guide).find((x) => x.appId === 'slack'),
        resolveApp,
      ),
    ).toBe(true);
    expect(closesSends('custom_mcp_servers', c('custom_mcp_servers', 'read_only'), resolveApp)).toBe(false);
  });
});
