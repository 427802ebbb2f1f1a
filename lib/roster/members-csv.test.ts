import { describe, expect, it } from 'vitest';
import { parseMembers, splitNames } from './members-csv.ts';

const HEADER = 'email,name,role,status,groups,agent_roles';

describe('parseMembers', () => {
  it('reads every column in any order, with a BOM, CRLF, quotes and multi-line names', () => {
    const csv = [
      '\ufeffStatus,Agent Roles,EMAIL,Name,role,Groups,extra',
      'Active,agents-build,Ann@Acme.com,"Ann, Admin",Workspace Owner,"agents-run; agents-build ;AGENTS-RUN",x',
      'deactivated,,bob@acme.com,"Bob ""B""',
      'Line",member,,',
      'Pending invite,,cy@acme.com,,ADMINISTRATOR,finance,',
    ].join('\r\n');
    const parsed = parseMembers(csv);
    expect(parsed.fatal).toBeNull();
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        line: 2,
        email: 'ann@acme.com',
        name: 'Ann, Admin',
        role: 'owner',
        status: 'active',
        groups: ['agents-run', 'agents-build'],
        agentRoles: ['agents-build'],
      },
      {
        line: 3,
        email: 'bob@acme.com',
        name: 'Bob "B"\nLine',
        role: 'member',
        status: 'deactivated',
        groups: [],
        agentRoles: [],
      },
      {
        line: 5,
        email: 'cy@acme.com',
        name: null,
        role: 'admin',
        status: 'active',
        groups: ['finance'],
        agentRoles: [],
      },
    ]);
  });

  it('refuses bad rows with their line: email, duplicates, role, status, width, long names', () => {
    const csv = [
      HEADER,
      'ann@acme.com,Ann,owner,active,,',
      ',No email,member,active,,',
      'not-an-email,X,member,active,,',
      'ANN@acme.com,Again,member,active,,',
      'dan@acme.com,Dan,superuser,active,,',
      'eve@acme.com,Eve,member,on leave,,',
      'fay@acme.com,Fay,,active,,',
      'gus@acme.com,Gus,member,',
      `hal@acme.com,Hal,member,active,${'g'.repeat(201)},`,
      'ivy@acme.com,Ivy,member,,,',
    ].join('\n');
    const parsed = parseMembers(csv);
    expect(parsed.rows.map((r) => r.email)).toEqual(['ann@acme.com']);
    expect(parsed.errors).toEqual([
      { line: 3, email: null, reason: 'missing email' },
      { line: 4, email: 'not-an-email', reason: 'bad email "not-an-email"' },
      { line: 5, email: 'ann@acme.com', reason: 'duplicate email ann@acme.com (first on line 2)' },
      { line: 6, email: 'dan@acme.com', reason: 'unknown role "superuser" (expected owner, admin or member)' },
      { line: 7, email: 'eve@acme.com', reason: 'unknown status "on leave" (expected active, deactivated or removed)' },
      { line: 8, email: 'fay@acme.com', reason: 'missing role (expected owner, admin or member)' },
      { line: 9, email: 'gus@acme.com', reason: 'expected 6 fields, found 4' },
      {
        line: 10,
        email: 'hal@acme.com',
        reason: expect.stringMatching(/^a group or agent role name is longer than 200 characters/),
      },
      { line: 11, email: 'ivy@acme.com', reason: 'missing status (expected active, deactivated or removed)' },
    ]);
  });

  it('accepts the console spellings of statuses and roles', () => {
    const rows = ['Enabled', 'inactive', 'Disabled', 'suspended', 'Deleted', 'REMOVED', 'invited'].map(
      (s, i) => `u${i}@acme.com,,user,${s},,`,
    );
    expect(parseMembers([HEADER, ...rows].join('\n')).rows.map((r) => [r.role, r.status])).toEqual([
      ['member', 'active'],
      ['member', 'deactivated'],
      ['member', 'deactivated'],
      ['member', 'deactivated'],
      ['member', 'removed'],
      ['member', 'removed'],
      ['member', 'active'],
    ]);
  });

  it('fails the whole file without a header, with a missing column, or an unclosed quote', () => {
    expect(parseMembers('').fatal).toEqual({ line: 1, reason: 'the file is empty: a header line is required' });
    expect(parseMembers('email,name,role,status\na@acme.com,A,member,active\n').fatal).toEqual({
      line: 1,
      reason:
        'missing columns groups, agent_roles (the header must name email, name, role, status, groups, agent_roles)',
    });
    expect(parseMembers(`\n${HEADER}\na@acme.com,"A,member,active,,\n`).fatal).toEqual({
      line: 3,
      reason: 'unparseable: a quoted field opened here is never closed',
    });
  });
});

describe('splitNames', () => {
  it('splits on ; only, trims, drops blanks and repeats ignoring case', () => {
    expect(splitNames(' Sales, EMEA ;;sales, emea; agents-run ')).toEqual(['Sales, EMEA', 'agents-run']);
    expect(splitNames('')).toEqual([]);
  });
});
