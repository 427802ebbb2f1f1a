// Item 18: the diagram's stars and sentence follow the effective legs — a send closed by action control is
// shown closed, never starred as completing.
import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { classifyAgent } from './classify.ts';
import { trifectaView } from './explain.ts';
import type { ConnectorInput } from './types.ts';

const resolve = createAppResolver(builtinCatalogue('guide'));
const viewOf = (connectors: ConnectorInput[], acceptances = false) =>
  trifectaView(
    classifyAgent(
      connectors,
      resolve,
      acceptances
        ? { configHash: 'h', acceptances: [{ configHash: 'h', expiresAt: new Date(Date.now() + 86_400_000) }] }
        : {},
    ),
  );
const star = (v: ReturnType<typeof viewOf>, leg: keyof ReturnType<typeof viewOf>['corners']) =>
  v.corners[leg].filter((a) => a.completing).map((a) => a.id);

describe('trifectaView', () => {
  it('does not star an app whose external sends action control denies; shows it closed with the reason', () => {
    const v = viewOf([
      { app: 'GitHub', actionControl: 'custom', deniedActions: ['push', 'merge', 'release', 'comment'] },
      { app: 'Slack' },
    ]);
    const github = v.corners.external_send.find((a) => a.id === 'github')!;
    expect(github).toMatchObject({ completing: false, closed: 'every external-send action is denied' });
    expect(star(v, 'external_send')).toEqual(['slack']);
    expect(star(v, 'private_data')).toEqual(['github']);
    expect(v.open).toBe(true);
    expect(v.sentence).toBe(
      'Each of GitHub and Slack completes it: GitHub is the only private-data ' +
        'app, Slack is the only untrusted-content and open external-send app.',
    );
  });

  it('names the one app that completes it', () => {
    const w = viewOf([{ app: 'Google Drive' }, { app: 'SharePoint' }, { app: 'Slack' }]);
    expect(w.sentence).toBe('Slack completes it: it is the only untrusted-content and external-send app.');
    expect(star(w, 'private_data')).toEqual([]);
  });

  it('says when every send is closed, and stars nothing', () => {
    const v = viewOf([{ app: 'Google Drive' }, { app: 'Slack', actionControl: 'read_only' }]);
    expect(v.open).toBe(false);
    expect(v.completing).toEqual([]);
    expect(v.sentence).toMatch(
      /^Closed: every app that could send data out is shut \(Slack: every external-send action is denied\)/,
    );
  });

  it('says what is missing when there is no trifecta, and when an exception accepts it', () => {
    expect(viewOf([{ app: 'Google Drive' }]).sentence).toBe(
      'Not a trifecta: no app brings untrusted content or external send.',
    );
    expect(viewOf([{ app: 'Google Drive' }, { app: 'Slack' }], true).sentence).toMatch(
      /An approved exception accepts the risk for now\.$/,
    );
  });

  it('asks to remove a whole corner when no single app completes it', () => {
    const v = viewOf([{ app: 'Google Drive' }, { app: 'SharePoint' }, { app: 'Slack' }, { app: 'Gmail' }]);
    expect(v.sentence).toBe(
      'No single app completes it: remove every untrusted-content and external-send app (Gmail and Slack) to break it.',
    );
  });
});
