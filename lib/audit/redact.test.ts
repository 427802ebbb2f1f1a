// Audit redaction by value (issue 15 item 7): a secret in a string is redacted whatever the field is called.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactSecrets, redactSecretValue } from './redact.ts';

describe('redactSecretValue', () => {
  it.each([
    ['https://api.example.com/v1?api_key=abc123&limit=5', 'https://api.example.com/v1?api_key=[redacted]&limit=5'],
    ['https://api.example.com/v1?x=1&access_token=abc.def', 'https://api.example.com/v1?x=1&access_token=[redacted]'],
    [
      'https://s3.example.com/f?X-Amz-Signature=deadbeef&X-Amz-Credential=AK%2F1',
      'https://s3.example.com/f?X-Amz-Signature=[redacted]&X-Amz-Credential=[redacted]',
    ],
    ['https://app.example.com/cb#access_token=abc', 'https://app.example.com/cb#access_token=[redacted]'],
    ['https://user:hunter2@api.example.com/v1', 'https://[redacted]@api.example.com/v1'],
    ['https://ghp_abcdefghijklmnopqrstuvwxyz012345@github.com/x', 'https://[redacted]@github.com/x'],
    ['Authorization: Bearer eyJhbGciOi.abc.def-ghi', 'Authorization: Bearer [redacted]'],
    ['key sk-proj-abcdefghijklmnopqrstuvwx in a note', 'key [redacted] in a note'],
    ['xoxb-1234567890-abcdefghij', '[redacted]'],
    ['AKIAABCDEFGHIJKLMNOP', '[redacted]'],
  ])('%s', (input, expected) => {
    expect(redactSecretValue(input)).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    for (const text of [
      'https://api.chatgpt.com/v1/compliance',
      'https://jira.example.com/browse/SEC-12?focusedCommentId=3',
      'admin@acme.example approved the exception for task-runner (risk-accepted)',
      'Slack completes it: it is the only untrusted-content app',
      'slack_post_to_channel_or_external_dm',
    ]) {
      expect(redactSecretValue(text)).toBe(text);
    }
  });

  it('applies inside any diff, under any key', () => {
    const diff = {
      baseUrl: 'https://u:p@api.example.com/?token=t0k3n',
      nested: [{ note: 'sk-abcdefghijklmnopqrstuvwxyz' }],
      n: 3,
      when: null,
    };
    expect(redactSecrets(diff)).toEqual({
      baseUrl: 'https://[redacted]@api.example.com/?token=[redacted]',
      nested: [{ note: '[redacted]' }],
      n: 3,
      when: null,
    });
  });

  it('never lets a planted query secret through (property)', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9]{6,20}$/);
    const name = fc.constantFrom(
      'api_key',
      'apikey',
      'key',
      'token',
      'access_token',
      'client_secret',
      'sig',
      'signature',
      'password',
      'X-Amz-Signature',
    );
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: false, withFragments: false }), name, secret, (url, key, value) => {
        const out = redactSecretValue(`${url}?${key}=SECRET${value}`);
        return !out.includes(`SECRET${value}`);
      }),
    );
  });
});
