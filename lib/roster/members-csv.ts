// Parser for the ChatGPT admin console members export: email,name,role,status,groups,agent_roles.
// Header required (any column order, case and spacing ignored, extra columns ignored); groups and
// agent_roles are `;`-separated. Role and status accept the console's spellings (see ROLE_WORDS, STATUS_WORDS).
// UTF-8 only; a BOM, CRLF and quotes are handled by lib/csv/records.ts. Every bad row is reported with its line.
import { readCsvRecords } from '@/lib/csv/records.ts';

export const MEMBER_COLUMNS = ['email', 'name', 'role', 'status', 'groups', 'agent_roles'] as const;
export const WORKSPACE_ROLES = ['owner', 'admin', 'member'] as const;
export const MEMBER_STATUSES = ['active', 'deactivated', 'removed'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export type MemberRow = {
  line: number;
  email: string;
  name: string | null;
  role: WorkspaceRole;
  status: MemberStatus;
  groups: string[];
  agentRoles: string[];
};
export type MemberRowError = { line: number; email: string | null; reason: string };
export type ParsedMembers = {
  rows: MemberRow[];
  errors: MemberRowError[];
  fatal: { line: number; reason: string } | null;
};

// Spellings seen in console exports and admin habits; anything else is refused with its line.
const ROLE_WORDS: Record<string, WorkspaceRole> = {
  owner: 'owner',
  'workspace owner': 'owner',
  'account owner': 'owner',
  admin: 'admin',
  administrator: 'admin',
  'workspace admin': 'admin',
  member: 'member',
  user: 'member',
  'standard member': 'member',
  standard: 'member',
};
// A pending invite is not deactivated: it holds its role once accepted, so it counts as active.
const STATUS_WORDS: Record<string, MemberStatus> = {
  active: 'active',
  enabled: 'active',
  invited: 'active',
  pending: 'active',
  'pending invite': 'active',
  deactivated: 'deactivated',
  inactive: 'deactivated',
  disabled: 'deactivated',
  suspended: 'deactivated',
  removed: 'removed',
  deleted: 'removed',
};

const EMAIL = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]+$/;
const MAX_EMAIL = 320;
const MAX_NAME = 200;
const MAX_ITEM = 200;

const word = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
const columnName = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** `;`-separated names, trimmed, blanks dropped, repeats (ignoring case) kept once in their first spelling. */
export function splitNames(cell: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const part of cell.split(';')) {
    const name = part.trim();
    if (name === '' || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

export function parseMembers(input: Buffer | string): ParsedMembers {
  const { records, lines, fatal } = readCsvRecords(input);
  const result: ParsedMembers = { rows: [], errors: [], fatal };
  if (fatal) return result;
  const header = records[0];
  if (header === undefined)
    return { ...result, fatal: { line: 1, reason: 'the file is empty: a header line is required' } };
  const columns = new Map(header.map((name, i) => [columnName(name), i] as const));
  const missing = MEMBER_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    result.fatal = {
      line: lines[0]!,
      reason:
        `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
        `(the header must name ${MEMBER_COLUMNS.join(', ')})`,
    };
    return result;
  }
  const firstLine = new Map<string, number>();
  for (let i = 1; i < records.length; i++) {
    const record = records[i]!;
    const line = lines[i]!;
    const get = (name: (typeof MEMBER_COLUMNS)[number]) => (record[columns.get(name)!] ?? '').trim();
    const row = checkRow(
      record.length === header.length ? null : `expected ${header.length} fields, found ${record.length}`,
      get,
      line,
      firstLine,
    );
    if (typeof row === 'string') result.errors.push({ line, email: get('email').toLowerCase() || null, reason: row });
    else result.rows.push(row);
  }
  return result;
}

function checkRow(
  widthError: string | null,
  get: (name: (typeof MEMBER_COLUMNS)[number]) => string,
  line: number,
  firstLine: Map<string, number>,
): MemberRow | string {
  if (widthError) return widthError;
  const written = get('email');
  if (written === '') return 'missing email';
  if (written.length > MAX_EMAIL || !EMAIL.test(written)) return `bad email "${written.slice(0, 80)}"`;
  const email = written.toLowerCase();
  const first = firstLine.get(email);
  if (first !== undefined) return `duplicate email ${email} (first on line ${first})`;
  firstLine.set(email, line);
  const role = ROLE_WORDS[word(get('role'))];
  if (!role)
    return get('role') === ''
      ? 'missing role (expected owner, admin or member)'
      : `unknown role "${get('role')}" (expected owner, admin or member)`;
  const status = STATUS_WORDS[word(get('status'))];
  if (!status)
    return get('status') === ''
      ? 'missing status (expected active, deactivated or removed)'
      : `unknown status "${get('status')}" (expected active, deactivated or removed)`;
  const name = get('name');
  if (name.length > MAX_NAME) return `name longer than ${MAX_NAME} characters`;
  const groups = splitNames(get('groups'));
  const agentRoles = splitNames(get('agent_roles'));
  const long = [...groups, ...agentRoles].find((n) => n.length > MAX_ITEM);
  if (long) return `a group or agent role name is longer than ${MAX_ITEM} characters ("${long.slice(0, 40)}…")`;
  return { line, email, name: name || null, role, status, groups, agentRoles };
}
