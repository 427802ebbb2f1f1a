import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexControls } from '@/lib/action-control/effect.ts';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { action, file, gpt, op, unknownAction } from '@/lib/gpts/gpt.fixture.ts';
import { actionReviewKey, classifyGpt } from '@/lib/gpts/legs.ts';
import type { GptAction, GptCapability, HttpMethod } from '@/lib/gpts/types.ts';
import { trifectaView } from '@/lib/trifecta/explain.ts';

const guide = createAppResolver(builtinCatalogue('guide'));

describe('which leg each part of a GPT lights', () => {
  it('knowledge files and memory bring private data, one source per file', () => {
    const c = classifyGpt(gpt({ capabilities: ['memory'], files: [file('f1'), file('f2'), file('f1')] }), guide);
    expect(c.legs).toEqual({
      private_data: ['capability:memory', 'file:f1', 'file:f2'],
      untrusted_content: [],
      external_send: [],
    });
  });

  it('code interpreter, image generation and canvas light nothing', () => {
    const c = classifyGpt(gpt({ capabilities: ['code_interpreter', 'image_generation', 'canvas'] }), guide);
    expect(c.legCount).toBe(0);
    expect(c.sources).toEqual([]);
  });

  it('web browsing brings untrusted content and external send', () => {
    const c = classifyGpt(gpt({ capabilities: ['web_browsing'] }), guide);
    expect(c.legs).toEqual({
      private_data: [],
      untrusted_content: ['capability:web_browsing'],
      external_send: ['capability:web_browsing'],
    });
  });

  it('every action brings untrusted content and external send; an authenticated one private data too', () => {
    const open = classifyGpt(gpt({ actions: [action('pub.example', [op('GET', '/x')])] }), guide);
    expect(open.legs).toEqual({
      private_data: [],
      untrusted_content: ['action:pub.example'],
      external_send: ['action:pub.example'],
    });
    for (const auth of ['api_key', 'oauth'] as const) {
      const c = classifyGpt(gpt({ actions: [action('crm.example', [op('GET', '/x')], { auth })] }), guide);
      expect(c.legs.private_data).toEqual(['action:crm.example']);
      expect(c.sources[0]!.why.private_data).toContain(auth === 'oauth' ? 'OAuth' : 'API key');
    }
  });

  it('an action without operations cannot be called and lights nothing', () => {
    expect(classifyGpt(gpt({ actions: [action('x.example', [], { auth: 'oauth' })] }), guide).legCount).toBe(0);
  });

  it('an unknown action counts for all three legs on its own, and only classifying it closes it', () => {
    const c = classifyGpt(gpt({ actions: [unknownAction('odd.example')] }), guide);
    expect(c).toMatchObject({ trifecta: true, effectiveState: 'exposed', unknownActions: ['action:odd.example'] });
    expect(c.restrict).toEqual([{ app: 'action:odd.example', fix: 'classify', actions: [] }]);
    expect(c.sources[0]!.why.external_send).toContain('The schema is not valid JSON.');
  });

  it('a reviewer classifies an unknown action by its document; a changed document is unknown again', () => {
    const odd = { ...unknownAction('odd.example'), schemaSha256: 'a'.repeat(64) };
    const reviewedActions = new Map([[actionReviewKey(odd), ['untrusted_content'] as const]]);
    const c = classifyGpt(gpt({ actions: [odd] }), guide, { reviewedActions });
    expect(c.legs).toEqual({ private_data: [], untrusted_content: ['action:odd.example'], external_send: [] });
    expect(c.unknownActions).toEqual([]);
    const changed = { ...odd, schemaSha256: 'b'.repeat(64) };
    expect(classifyGpt(gpt({ actions: [changed] }), guide, { reviewedActions }).legCount).toBe(3);
  });

  it('a reviewed unreadable action that sends is never gated: only removing it closes it', () => {
    const odd = { ...unknownAction('odd.example'), schemaSha256: 'a'.repeat(64) };
    const reviewedActions = new Map([[actionReviewKey(odd), ['untrusted_content', 'external_send'] as const]]);
    const c = classifyGpt(gpt({ actions: [odd], files: [file('f')] }), guide, { reviewedActions });
    expect(c.effectiveState).toBe('exposed');
    expect(c.sendMitigations[0]).toMatchObject({ app: 'action:odd.example', mitigated: false });
    expect(c.restrict).toEqual([]);
    expect(c.breakSets).toEqual([['action:odd.example'], ['file:f']]);
  });

  it('apps light their catalogue legs; an app the catalogue does not know lights none and is listed', () => {
    const c = classifyGpt(
      gpt({
        apps: [
          { id: 'google_drive', name: 'Google Drive' },
          { id: 'x', name: 'Zapier' },
        ],
      }),
      guide,
    );
    expect(c.legs.private_data).toEqual(['google-drive']);
    expect(c.unknownApps).toEqual(['Zapier']);
    expect(c.sources.map((s) => [s.id, s.kind])).toEqual([['google-drive', 'app']]);
  });

  it('an app named like a capability, file or action is still only an app', () => {
    const c = classifyGpt(gpt({ apps: [{ id: 'capability:memory', name: 'file:f1' }] }), guide);
    expect(c.legCount).toBe(0);
    expect(c.unknownApps).toEqual(['file:f1']);
  });

  it('two actions on one domain are two sources', () => {
    const c = classifyGpt(
      gpt({ actions: [action('a.example', [op('GET', '/1')]), action('a.example', [op('GET', '/2')])] }),
      guide,
    );
    expect(c.legs.external_send).toEqual(['action:a.example', 'action:a.example#2']);
  });
});

describe('effective state of a GPT trifecta', () => {
  const files = [file('customers', 'customers.csv')];

  it('is mitigated when every operation of every action is consequential and nothing else sends', () => {
    const c = classifyGpt(
      gpt({ files, actions: [action('crm.example', [op('POST', '/a'), op('GET', '/b', true)])] }),
      guide,
    );
    expect(c).toMatchObject({ trifecta: true, effectiveState: 'mitigated', restrict: [] });
    expect(c.sendMitigations[0]!.reason).toContain('asks the user before every call');
  });

  it('is exposed by one operation ChatGPT calls without asking: a GET by default', () => {
    const c = classifyGpt(gpt({ files, actions: [action('crm.example', [op('POST', '/a'), op('GET', '/b')])] }), guide);
    expect(c.effectiveState).toBe('exposed');
    expect(c.sendMitigations).toEqual([
      {
        app: 'action:crm.example',
        mitigated: false,
        openActions: ['GET /b'],
        reason: 'ChatGPT calls GET /b without asking the user',
      },
    ]);
    expect(c.restrict).toEqual([{ app: 'action:crm.example', fix: 'gate', actions: ['GET /b'] }]);
  });

  it('is exposed whenever web browsing is on; only removing it or the files breaks it', () => {
    const c = classifyGpt(gpt({ files, capabilities: ['web_browsing'] }), guide);
    expect(c.effectiveState).toBe('exposed');
    expect(c.restrict).toEqual([]);
    expect(c.breakSets).toEqual([['capability:web_browsing'], ['file:customers']]);
    const view = trifectaView(c);
    expect(view.sentence).toBe(
      'Each of customers.csv and Web browsing completes it: customers.csv is the only private-data app, ' +
        'Web browsing is the only untrusted-content and external-send app.',
    );
  });

  it('gates a sending app by the observed action control, exactly as for an agent', () => {
    const input = gpt({ files, apps: [{ id: 'slack', name: 'Slack' }] });
    expect(classifyGpt(input, guide).effectiveState).toBe('exposed');
    const controls = indexControls([
      {
        appId: 'slack',
        enabled: true,
        mode: 'read_only',
        allowedActions: [],
        deniedActions: [],
        newActionsDefault: 'deny',
      },
    ]);
    expect(classifyGpt(input, guide, { controls }).effectiveState).toBe('mitigated');
  });

  it('is accepted by an unexpired exception at its configuration hash, and exposed at another', () => {
    const input = gpt({ files, capabilities: ['web_browsing'] });
    const acceptances = [{ configHash: 'h1', expiresAt: new Date('2030-01-01') }];
    const now = new Date('2029-01-01');
    expect(classifyGpt(input, guide, { configHash: 'h1', acceptances, now }).effectiveState).toBe('accepted');
    expect(classifyGpt(input, guide, { configHash: 'h2', acceptances, now }).effectiveState).toBe('exposed');
  });

  const capability = fc.constantFrom<GptCapability>(
    'web_browsing',
    'code_interpreter',
    'image_generation',
    'canvas',
    'memory',
  );
  const operation = fc.record({
    method: fc.constantFrom<HttpMethod>('GET', 'POST', 'DELETE'),
    path: fc.constantFrom('/a', '/b', '/c'),
    consequential: fc.boolean(),
  });
  const anyAction = fc.record({
    domain: fc.constantFrom('a.example', 'b.example'),
    auth: fc.constantFrom('none', 'api_key', 'oauth') as fc.Arbitrary<GptAction['auth']>,
    unknown: fc.boolean(),
    ops: fc.uniqueArray(operation, { selector: (o) => `${o.method} ${o.path}`, maxLength: 3 }),
  });

  it('property: mitigated exactly when no browsing, no unknown action and only consequential operations', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(capability),
        fc.array(anyAction, { maxLength: 3 }),
        fc.boolean(),
        (capabilities, specs, withFile) => {
          const actions = specs.map((s) =>
            s.unknown
              ? unknownAction(s.domain)
              : action(
                  s.domain,
                  s.ops.map((o) => op(o.method, o.path, o.consequential)),
                  { auth: s.auth },
                ),
          );
          const c = classifyGpt(gpt({ capabilities, actions, files: withFile ? [file('f')] : [] }), guide);
          const live = actions.filter((a) => a.schemaStatus === 'unknown' || a.operations.length > 0);
          const privateData =
            withFile ||
            capabilities.includes('memory') ||
            live.some((a) => a.auth !== 'none' || a.schemaStatus === 'unknown');
          const sends = capabilities.includes('web_browsing') || live.length > 0;
          expect(c.trifecta).toBe(privateData && sends);
          const gated =
            !capabilities.includes('web_browsing') &&
            live.every((a) => a.schemaStatus === 'parsed' && a.operations.every((o) => o.consequential));
          expect(c.effectiveState).toBe(!c.trifecta ? 'none' : gated ? 'mitigated' : 'exposed');
        },
      ),
    );
  });
});
