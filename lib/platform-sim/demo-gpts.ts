// The demo workspace's forty custom GPTs as the simulated Compliance API serves them (issue 17, item 9), owned by
// the demo roster's people (lib/seed/demo-roster.ts). Deliberate cases: "Market research analyst" browses and
// holds customer files (a trifecta since browsing joined in its third version), "Partner update sender" posts to
// hooks.zapier.com (not in DEMO_GPT_ALLOWED_DOMAINS), "Logo and banner studio" is shared with anyone with the link,
// Owen Price (deactivated) still owns two, one action is over plain http, one schema cannot be parsed; the rest
// are clean. Two to four configuration versions each: an earlier version lacks the later tools (or files).
// Deterministic for a given `now`.
import { createHash } from 'node:crypto';
import { CONFIG_OBJECT, GPT_OBJECT } from '@/lib/gpts/platform/definition.ts';
import { DEMO_ACTIONS, type DemoActionKey } from './action-schemas.ts';
import type { Json } from './source.ts';

type Spec = [name: string, owner: string, visibility: string, tools: string, files: string[], description: string];

// tools: capability names, `action:<DEMO_ACTIONS key>`, `app:<catalogue id>`; later in the list = added later.
const SPECS: Spec[] = [
  [
    'Board deck helper',
    'hana.sato',
    'workspace',
    'python canvas',
    ['q3-board-deck.pptx'],
    'Turns notes into board slides',
  ],
  [
    'Market research analyst',
    'priya.shah',
    'workspace',
    'python memory browser',
    ['customers.csv', 'pipeline-2026.xlsx'],
    'Sizes markets against our accounts',
  ],
  [
    'Partner update sender',
    'jamie.chen',
    'workspace',
    'action:acmeCrm action:zapier',
    [],
    'Sends partner updates to sales ops',
  ],
  [
    'IT onboarding guide',
    'owen.price',
    'workspace',
    'python',
    ['laptop-setup.md', 'vpn-guide.pdf'],
    'First-week IT questions',
  ],
  ['Logo and banner studio', 'jamie.chen', 'anyone_with_link', 'dalle canvas', [], 'Brand-safe images for events'],
  ['Release notes polisher', 'marcus.lee', 'private', 'canvas', [], 'Rewrites release notes for customers'],
  ['SQL explainer', 'marcus.lee', 'workspace', 'python', [], 'Explains and tunes SQL queries'],
  ['Jira ticket writer', 'lars.nilsson', 'invite_only', 'action:jira', [], 'Files well-formed Jira tickets'],
  [
    'Contract clause checker',
    'elena.rossi',
    'invite_only',
    'memory',
    ['msa-template.docx', 'nda-playbook.pdf'],
    'Checks clauses against the playbook',
  ],
  [
    'Deal desk pricing',
    'priya.shah',
    'workspace',
    'python action:salesforce',
    ['price-book-2026.xlsx'],
    'Quotes within the price book',
  ],
  ['Field visit weather', 'david.kim', 'workspace', 'action:weather', [], 'Forecasts for site visits'],
  ['Translator DE FR ES', 'sofia.martinez', 'workspace', 'action:deepl', [], 'Translates HR announcements'],
  [
    'HR directory lookup',
    'sofia.martinez',
    'invite_only',
    'action:legacyHr',
    [],
    'Finds an employee and their manager',
  ],
  ['Status page summarizer', 'lars.nilsson', 'workspace', 'action:status', [], 'Summarises open incidents'],
  ['Expense claim helper', 'tom.becker', 'private', 'python action:broken', [], 'Prepares expense claims'],
  ['Customer note taker', 'aisha.okafor', 'invite_only', 'action:acmeCrm', [], 'Logs call notes to the CRM'],
  [
    'Interview question bank',
    'sofia.martinez',
    'workspace',
    'canvas',
    ['competency-framework.pdf'],
    'Questions by competency',
  ],
  ['Spreadsheet formula helper', 'tom.becker', 'workspace', 'python', [], 'Explains and writes formulas'],
  ['Onboarding FAQ', 'sofia.martinez', 'workspace_link', 'memory', ['employee-handbook.pdf'], 'Answers new joiners'],
  [
    'Security policy Q&A',
    'lars.nilsson',
    'workspace',
    '',
    ['infosec-policy.pdf', 'acceptable-use.pdf'],
    'What the security policy says',
  ],
  ['Incident comms drafter', 'nora.walsh', 'invite_only', 'canvas', [], 'Drafts status updates during incidents'],
  ['Code review buddy', 'marcus.lee', 'workspace', 'python', [], 'Reviews a diff before the human does'],
  [
    'Salary band explainer',
    'sofia.martinez',
    'private',
    'python',
    ['salaries.xlsx'],
    'Explains salary bands to managers',
  ],
  [
    'Churn analysis',
    'priya.shah',
    'invite_only',
    'python',
    ['customers-export.csv', 'churn-2026-q3.csv'],
    'Finds churn drivers',
  ],
  ['Press release writer', 'jamie.chen', 'workspace', 'canvas browser', [], 'Drafts press releases with sources'],
  ['Vendor due diligence', 'nora.walsh', 'workspace', 'python browser', [], 'Researches a vendor before review'],
  ['Meeting notes formatter', 'david.kim', 'private', 'canvas memory', [], 'Formats notes into decisions and owners'],
  ['Drive doc finder', 'elena.rossi', 'workspace', 'app:google_drive', [], 'Finds the right document in Drive'],
  ['Slack announcement drafter', 'hana.sato', 'invite_only', 'canvas app:slack', [], 'Drafts channel announcements'],
  ['OKR coach', 'ken.thompson', 'workspace', 'memory', [], 'Helps teams write OKRs'],
  [
    'Budget variance explainer',
    'tom.becker',
    'invite_only',
    'python',
    ['budget-fy27.xlsx'],
    'Explains budget variances',
  ],
  [
    'Redaction checker',
    'aisha.okafor',
    'private',
    'python',
    ['ssn-test-fixtures.csv'],
    'Checks exports for personal data',
  ],
  ['Product naming brainstorm', 'jamie.chen', 'gpt_store', 'dalle', [], 'Names and mock logos'],
  ['Runbook search', 'lars.nilsson', 'workspace', '', ['oncall-runbook.md'], 'Finds the runbook step'],
  ['Accessibility checker', 'ravi.menon', 'workspace', 'python', [], 'Checks copy and colours for accessibility'],
  ['Trip planner', 'lin.zhou', 'workspace_link', 'action:weather browser', [], 'Plans team offsites'],
  ['Legal hold notice drafter', 'grace.hopper', 'private', 'canvas', [], 'Drafts legal hold notices'],
  ['Data export helper', 'owen.price', 'invite_only', 'python', ['export-2026-10.csv'], 'Cleans data exports'],
  ['Grant writing assistant', 'ravi.menon', 'workspace', 'canvas memory', [], 'Drafts grant applications'],
  [
    'Style guide checker',
    'ken.thompson',
    'workspace',
    '',
    ['brand-style-guide.pdf'],
    'Checks copy against the style guide',
  ],
];

const DAY_SECONDS = 86_400;
const MIME: Record<string, string> = {
  csv: 'text/csv',
  md: 'text/markdown',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const APPS: Record<string, string> = { google_drive: 'Google Drive', slack: 'Slack' };
const SHARE_WITH = ['david.kim', 'tom.becker', 'elena.rossi', 'ravi.menon', 'lin.zhou'];

const digest = (text: string) => createHash('sha256').update(text).digest();
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const email = (person: string) => `${person}@acme.example`;
/** The id a GPT keeps for life: `g-` and 12 base-36 characters derived from its name. */
const gptId = (name: string) => `g-${digest(name).readBigUInt64BE().toString(36).slice(0, 12)}`;

function tool(token: string): Json {
  const [kind, key] = token.split(':') as [string, string | undefined];
  if (kind === 'action') {
    const a = DEMO_ACTIONS[key as DemoActionKey];
    return {
      type: 'action',
      action: {
        domain: a.domain,
        auth: { type: a.auth },
        privacy_policy_url: a.privacyPolicyUrl,
        openapi_schema: a.schema,
      },
    };
  }
  if (kind === 'app') return { type: 'app', app: { id: key, name: APPS[key!] ?? key } };
  return { type: kind };
}

function file(name: string, gpt: string): Json {
  const ext = name.split('.').pop()!;
  const size = 4096 + (digest(name).readUInt32BE() % 2_000_000);
  return {
    id: `file-${digest(gpt + name)
      .toString('hex')
      .slice(0, 16)}`,
    name,
    mime_type: MIME[ext] ?? null,
    size,
  };
}

function recipients(spec: Spec, seed: Buffer): Json[] {
  if (spec[2] !== 'invite_only') return [];
  const people = SHARE_WITH.filter((p) => p !== spec[1]).slice(seed[1]! % 2, (seed[1]! % 2) + 2);
  return [
    ...people.map((p) => ({ type: 'user', id: `user-${slug(p)}`, email: email(p) })),
    { type: 'group', id: 'grp-sales-team', name: 'sales-team' },
  ];
}

/** The forty GPTs: each raw object with every configuration (newest first) and its shared users. */
export function demoGpts(now: Date): { gpt: Json; configs: Json[]; sharedUsers: Json[] }[] {
  const today = Math.floor(now.getTime() / 1000 / DAY_SECONDS) * DAY_SECONDS;
  return SPECS.map((spec) => {
    const [name, owner, visibility, toolList, files, description] = spec;
    const id = gptId(name);
    const seed = digest(id);
    const tools = toolList.split(' ').filter(Boolean);
    const versions = name === 'Market research analyst' ? 3 : 2 + (seed[0]! % 3);
    const created = today - (90 + (seed[2]! % 200)) * DAY_SECONDS + 9 * 3600;
    const configs: Json[] = [];
    for (let v = 1; v <= versions; v++) {
      // Each earlier version lacks one more of the latest tools; a GPT without tools lacks files instead.
      const dropped = versions - v;
      const keptFiles = tools.length ? files.length : Math.max(1, files.length - dropped);
      configs.unshift({
        id: `gcfg-${id.slice(2)}-${v}`,
        object: CONFIG_OBJECT,
        created_at: created + (v - 1) * (9 + (seed[3]! % 12)) * DAY_SECONDS,
        name,
        description,
        instructions: `You are ${name}. ${description}. Ask before acting on anyone's behalf. (Revision ${v}.)`,
        tools: tools.slice(0, Math.max(0, tools.length - dropped)).map(tool),
        files: files.slice(0, keptFiles).map((f) => file(f, id)),
      });
    }
    const shared = recipients(spec, seed);
    const latest = configs[0]!;
    const gpt: Json = {
      id,
      object: GPT_OBJECT,
      created_at: created,
      updated_at: latest.created_at,
      owner_id: `user-${slug(owner)}`,
      owner_email: email(owner),
      sharing: { visibility, recipients: shared },
      latest_config: latest,
    };
    return { gpt, configs, sharedUsers: shared };
  });
}
