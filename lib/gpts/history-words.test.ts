import { describe, expect, it } from 'vitest';
import { diffGptVersions } from '@/lib/gpts/diff.ts';
import { configFirstSeen, gptHistoryText, gptParts } from '@/lib/gpts/history-words.ts';
import { action, config, file } from '@/lib/gpts/gpt.fixture.ts';

describe('a GPT’s timeline in its own words', () => {
  it('names what it was first read with: capabilities, actions and files, never "apps: none"', () => {
    const parts = gptParts(
      config('c1', { capabilities: ['web_browsing', 'memory'], actions: [action('b.example'), action('a.example')] }),
    );
    const text = gptHistoryText('created', { ownerEmail: 'ann@acme.example', source: 'gpt', parts });
    expect(text).toBe(
      'First seen, owned by ann@acme.example, with capabilities: Web browsing, Memory; ' +
        'actions: a.example, b.example; 0 knowledge files',
    );
    expect(gptHistoryText('created', { ownerEmail: '', source: 'gpt', parts: gptParts(config('c')) })).toBe(
      'First seen, with no owner, with capabilities: none; actions: none; 0 knowledge files',
    );
    expect(text).not.toContain('apps');
  });

  it('says what a new configuration changed, at most five changes then a count', () => {
    const before = config('c1', { files: [file('f1')] });
    const after = config('c2', {
      capabilities: ['web_browsing'],
      files: ['f2', 'f3', 'f4', 'f5', 'f6'].map((id) => file(id)),
    });
    const changes = diffGptVersions(before, after);
    const text = gptHistoryText('gpt_config_changed', { fromConfigId: 'c1', toConfigId: 'c2', changes });
    expect(text).toMatch(
      /^Configuration changed \(c1 → c2\): capability Web browsing added; knowledge file f1 removed/,
    );
    expect(text).toMatch(/; and 2 more$/);
    expect(gptHistoryText('gpt_config_changed', { fromConfigId: 'c1', toConfigId: 'c2', changes: [] })).toBe(
      'New configuration (c1 → c2), no change in capabilities, actions, files or apps',
    );
  });

  it('says how sharing changed in the labels the page uses, and the platform’s listing', () => {
    expect(gptHistoryText('gpt_sharing_changed', { from: 'workspace', to: 'anyone_with_link', changes: [] })).toBe(
      'Sharing changed from Workspace directory to Anyone with the link',
    );
    expect(gptHistoryText('missing_from_export', { source: 'gpt' })).toBe(
      'No longer listed by the platform (a complete read)',
    );
    // Kinds a GPT shares with agents word for word are left to the agents' wording.
    expect(gptHistoryText('renamed', { from: 'a', to: 'b' })).toBeNull();
  });

  it('finds the configuration of the first read: the newest version seen by then', () => {
    const t = (m: number) => new Date(Date.UTC(2026, 11, 1, 9, m));
    const versions = [
      { firstSeenAt: t(0), configCreatedAt: null, config: config('c1') },
      { firstSeenAt: t(0), configCreatedAt: null, config: config('c2') },
      { firstSeenAt: t(30), configCreatedAt: null, config: config('c3') },
    ];
    expect(configFirstSeen(versions, t(0))?.configId).toBe('c2');
    expect(configFirstSeen(versions, new Date(0))).toBeNull();
  });
});
