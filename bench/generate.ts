// Deterministic agent exports for the benchmarks: the Global Admin Console columns
// (agent_id,agent_name,owner_email,connected_apps), apps separated by `;` as the guide writes them.
// Same seed, same bytes: results stay comparable from run to run and machine to machine.

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The guide's app names as an export writes them, weighted by how often a fleet connects them.
const APPS: [string, number][] = [
  ['Gmail', 9],
  ['Google Drive', 9],
  ['Calendar', 6],
  ['Docs', 5],
  ['SharePoint', 6],
  ['OneDrive', 5],
  ['Outlook', 7],
  ['Salesforce', 4],
  ['Notion', 4],
  ['Confluence', 5],
  ['Jira', 6],
  ['GitHub', 5],
  ['GitLab', 2],
  ['Box', 2],
  ['Dropbox', 2],
  ['Atlassian Rovo', 2],
  ['Slack', 9],
  ['Web Search', 8],
  ['Browser', 4],
  // Custom MCP servers (unclassified: all three legs) and apps the catalogue does not know.
  ['mcp:acme-crm', 1],
  ['mcp:github-mirror', 1],
  ['mcp:hr-directory', 1],
  ['mcp:ticket-bridge', 1],
  ['Zapier', 1],
  ['Figma', 1],
  ['HubSpot', 1],
  ['Asana', 1],
  ['Zendesk', 1],
];
const TOTAL_WEIGHT = APPS.reduce((s, [, w]) => s + w, 0);
// 1–6 apps per agent, mostly 2–3.
const APP_COUNTS: [number, number][] = [
  [1, 15],
  [2, 30],
  [3, 25],
  [4, 15],
  [5, 10],
  [6, 5],
];

const TEAMS = [
  'Sales',
  'Support',
  'Finance',
  'HR',
  'Legal',
  'Marketing',
  'Engineering',
  'Security',
  'IT',
  'Ops',
  'Research',
  'Procurement',
];
const TASKS = [
  'inbox triage',
  'weekly report',
  'ticket summariser',
  'meeting prep',
  'contract review',
  'lead research',
  'onboarding helper',
  'release notes',
  'incident digest',
  'invoice checker',
  'FAQ bot',
  'pipeline review',
  'status updates',
  'doc search',
];
const FIRST = [
  'ann',
  'bob',
  'carol',
  'dan',
  'eve',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'ken',
  'lena',
  'mike',
  'nina',
  'omar',
  'paula',
  'quinn',
  'rosa',
  'sam',
  'tara',
];
const LAST = [
  'smith',
  'jones',
  'garcia',
  'chen',
  'kumar',
  'novak',
  'silva',
  'khan',
  'muller',
  'rossi',
  'dubois',
  'tanaka',
  'ito',
  'berg',
  'olsen',
  'walsh',
  'reyes',
  'costa',
  'weber',
  'haas',
];
/** Several hundred distinct owners. */
export const OWNER_COUNT = 400;

export const HEADER = 'agent_id,agent_name,owner_email,connected_apps';

export type Agent = { id: string; name: string; owner: string; apps: string[] };

function pickWeighted<T>(rand: () => number, items: [T, number][], total = items.reduce((s, [, w]) => s + w, 0)): T {
  let r = rand() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** Owner `i` of the roster: the first 400 are first.last; a larger roster numbers the names again (first.last2…). */
export function owner(i: number): string {
  const round = Math.floor(i / (FIRST.length * LAST.length));
  const last = `${LAST[Math.floor(i / FIRST.length) % LAST.length]}${round ? round + 1 : ''}`;
  return `${FIRST[i % FIRST.length]}.${last}@acme.example`;
}

function pickApps(rand: () => number): string[] {
  const n = pickWeighted(rand, APP_COUNTS);
  const apps = new Set<string>();
  while (apps.size < n) apps.add(pickWeighted(rand, APPS, TOTAL_WEIGHT));
  return [...apps];
}

export function generateAgents(count: number, seed = 3): Agent[] {
  return [...streamAgents(count, seed)];
}

/** The same agents one at a time (bench/fleet: a million never held at once); `owners`: the roster's size. */
export function* streamAgents(count: number, seed = 3, owners = OWNER_COUNT): Generator<Agent> {
  const rand = prng(seed);
  for (let i = 0; i < count; i++) {
    const team = TEAMS[Math.floor(rand() * TEAMS.length)]!;
    const task = TASKS[Math.floor(rand() * TASKS.length)]!;
    yield {
      id: `agt-${String(i + 1).padStart(6, '0')}`,
      name: `${team} ${task} ${1 + Math.floor(rand() * 99)}`,
      owner: owner(Math.floor(rand() * owners)),
      apps: pickApps(rand),
    };
  }
}

/**
 * The next export of the same fleet: about `fraction` of the agents changed (most change their apps,
 * some are renamed or change owner); the rest byte-identical. Same agents, same order.
 */
export function changeAgents(agents: Agent[], fraction = 0.1, seed = 4): { agents: Agent[]; changed: number } {
  const rand = prng(seed);
  let changed = 0;
  const next = agents.map((a) => {
    if (rand() >= fraction) return a;
    changed++;
    const kind = rand();
    if (kind < 0.6) {
      // Add an app, or drop one when the agent has several.
      const apps = [...a.apps];
      if (apps.length > 1 && rand() < 0.4) apps.splice(Math.floor(rand() * apps.length), 1);
      else {
        let extra: string;
        do extra = pickWeighted(rand, APPS, TOTAL_WEIGHT);
        while (apps.includes(extra));
        apps.push(extra);
      }
      return { ...a, apps };
    }
    if (kind < 0.85) return { ...a, name: `${a.name} v2` };
    let to: string;
    do to = owner(Math.floor(rand() * OWNER_COUNT));
    while (to === a.owner);
    return { ...a, owner: to };
  });
  return { agents: next, changed };
}

/** CSV text; no field needs quoting (the guide's loop splits on bare commas). */
export function toCsv(agents: Agent[]): string {
  return `${HEADER}\n${agents.map((a) => `${a.id},${a.name},${a.owner},${a.apps.join(';')}`).join('\n')}\n`;
}
