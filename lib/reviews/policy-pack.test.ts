import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PackError } from '@/lib/packs/jsonc.ts';
import { GUIDE_POLICY } from './policy.ts';
import { exportPolicyPack, parsePolicyPack, policyDepartures, policyProblems } from './policy-pack.ts';

const shipped = readFileSync(
  new URL('../packs/fixtures/hth-chatgpt-enterprise-6.03-approval-policy.jsonc', import.meta.url),
  'utf8',
);

function packError(text: string): PackError {
  try {
    parsePolicyPack(text);
  } catch (error) {
    if (error instanceof PackError) return error;
    throw error;
  }
  throw new Error('expected a PackError');
}

const pack = (required: string, logged = '') =>
  `{\n  "approval_required_actions": {\n${required}\n  },\n  "approval_logged_actions": {\n${logged}\n  }\n}`;

describe('6.03 approval policy pack', () => {
  it('reads the shipped pack as the guide’s policy, with no departure', () => {
    const policy = parsePolicyPack(shipped);
    expect(policy).toEqual(GUIDE_POLICY);
    expect(policy.required).toHaveLength(8);
    expect(policy.logged).toEqual([
      'drive_create_or_update_within_owned_folder',
      'notion_create_page_in_owned_workspace',
      'jira_comment_on_owned_ticket',
    ]);
    expect(policyDepartures(policy)).toEqual([]);
  });

  it('round-trips: export → import gives the same policy, after comment lines saying what it is', () => {
    const policy = {
      required: [...GUIDE_POLICY.required.filter((c) => c !== 'email_send'), 'hr_record_update'],
      logged: ['email_send', 'jira_comment_on_owned_ticket'],
    };
    const text = exportPolicyPack(policy, ['Workspace: Acme (ws-acme), exported 2026-05-04T10:00:00.000Z']);
    expect(text.split('\n').slice(0, 3)).toEqual([
      '// HTH ChatGPT Enterprise Control 6.3: Per-Action Approval Policy — exported by Tollgate',
      '// approval_required_actions: category → "human_required"; approval_logged_actions: action → "logged".',
      '// Workspace: Acme (ws-acme), exported 2026-05-04T10:00:00.000Z',
    ]);
    expect(text).toContain('"hr_record_update": "human_required"');
    expect(parsePolicyPack(text)).toEqual(policy);
    expect(parsePolicyPack(exportPolicyPack(parsePolicyPack(shipped)))).toEqual(GUIDE_POLICY);
  });

  it('names the line and column of a syntax error', () => {
    const error = packError(
      pack('    "email_send": "human_required"\n    "calendar_invite_external": "human_required"'),
    );
    expect(error.issues[0]).toMatchObject({ line: 4, column: 5 });
    expect(error.message).toMatch(/^line 4, column 5: a comma is expected/);
  });

  it('refuses a value other than human_required or logged, naming the key, its line and column', () => {
    const error = packError(
      pack('    "email_send": "required"', '    "jira_comment_on_owned_ticket": "human_required"'),
    );
    expect(error.issues).toEqual([
      {
        path: 'approval_required_actions.email_send',
        line: 3,
        column: 19,
        message: '"email_send": expected "human_required", got "required"',
      },
      {
        path: 'approval_logged_actions.jira_comment_on_owned_ticket',
        line: 6,
        column: 37,
        message: '"jira_comment_on_owned_ticket": expected "logged", got "human_required"',
      },
    ]);
    expect(packError(pack('    "email_send": true')).message).toContain(
      'line 3, column 19, approval_required_actions.email_send: "email_send": expected "human_required", got true',
    );
  });

  it('refuses names not in lower_snake_case, names listed twice or in both lists, and missing or unknown keys', () => {
    expect(packError(pack('    "Email-Send": "human_required"')).message).toContain(
      'line 3, column 19, approval_required_actions.Email-Send: "Email-Send" is not lower_snake_case',
    );
    expect(packError(pack('    "email_send": "human_required",\n    "email_send": "human_required"')).issues).toEqual([
      { path: 'approval_required_actions.email_send', line: 4, column: 5, message: '"email_send" is listed twice' },
    ]);
    expect(packError(pack('    "email_send": "human_required"', '    "email_send": "logged"')).message).toContain(
      'approval_logged_actions.email_send: "email_send" is also in approval_required_actions',
    );
    expect(packError('{ "approval_required_actions": {} }').message).toContain('"approval_logged_actions" is missing');
    expect(
      packError('{ "approval_required_actions": {}, "approval_logged_actions": {}, "approval_mode": "strict" }')
        .message,
    ).toMatch(/approval_mode/);
    expect(
      packError('{ "approval_required_actions": ["email_send"], "approval_logged_actions": {} }').issues[0],
    ).toMatchObject({ path: 'approval_required_actions', line: 1, column: 32 });
  });

  it('reports departures: a guide category left out is weaker, an extra one stricter', () => {
    const departures = policyDepartures({
      required: GUIDE_POLICY.required
        .filter((c) => c !== 'email_send' && c !== 'financial_transaction_any')
        .concat('notion_create_page_in_owned_workspace', 'hr_record_update'),
      logged: ['email_send', 'drive_create_or_update_within_owned_folder'],
    });
    expect(departures).toEqual([
      {
        name: 'email_send',
        direction: 'weaker',
        message: 'email_send: only logged; the guide requires a human approval',
      },
      {
        name: 'financial_transaction_any',
        direction: 'weaker',
        message: 'financial_transaction_any: not gated; the guide requires a human approval',
      },
      {
        name: 'jira_comment_on_owned_ticket',
        direction: 'weaker',
        message: 'jira_comment_on_owned_ticket: not logged; the guide logs it',
      },
      {
        name: 'notion_create_page_in_owned_workspace',
        direction: 'stricter',
        message: 'notion_create_page_in_owned_workspace: human approval required; the guide only logs it',
      },
      {
        name: 'hr_record_update',
        direction: 'stricter',
        message: 'hr_record_update: human approval required; not in the guide',
      },
    ]);
  });

  it('checks a policy’s names: lower_snake_case, at most 100 entries of at most 100 characters, no duplicates', () => {
    expect(policyProblems(GUIDE_POLICY)).toEqual([]);
    expect(
      policyProblems({
        required: ['email_send', 'email_send', 'x'.repeat(101)],
        logged: ['Drive Write', 'email_send'],
      }),
    ).toEqual([
      'approval required: "email_send" is listed twice',
      `approval required: "${'x'.repeat(101)}" is longer than 100 characters`,
      'logged: "Drive Write" is not lower_snake_case (a-z, 0-9 and single underscores, starting with a letter)',
      '"email_send" is both approval required and logged; choose one',
    ]);
    expect(policyProblems({ required: Array.from({ length: 101 }, (_, i) => `category_${i}`), logged: [] })).toEqual([
      '101 approval required entries; at most 100',
    ]);
  });
});
