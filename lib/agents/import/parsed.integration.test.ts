// What the streaming preview decides in SQL (parsed.ts) against what parseInventory decides in memory: the same
// invalid rows, in line order, with the same words — a repeated id (whoever claimed it first, valid or not), an id a
// custom GPT has — and, past the first 10,000, an exact count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { NO_APPS } from '@/test/agent-row.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { parseInventory } from '@/lib/agents/inventory-csv.ts';
import { GPT_KIND } from '@/lib/gpts/queries.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { MAX_ERRORS_KEPT } from './parsed.ts';
import { getImport, previewImport } from './service.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const header = 'agent_id,agent_name,owner_email,connected_apps';
const ws = 'ws-import-parsed';
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('import_parsed'));
  await createWorkspace(db, actor, { id: ws, name: ws, kind: 'workspace', principal: null });
  await db.agent.create({
    data: {
      ...NO_APPS,
      workspaceId: ws,
      kind: GPT_KIND,
      externalId: 'g-1',
      name: 'A GPT',
      ownerEmail: 'o@acme.com',
      configHash: 'h',
    },
  });
});
afterAll(async () => db?.$disconnect());

async function preview(csv: string) {
  const { id } = await previewImport(db, actor, ws, {
    filename: 'a.csv',
    content: Buffer.from(csv),
    fullExport: false,
  });
  return (await getImport(db, ws, id)).preview;
}

describe('invalid rows decided over every row', () => {
  it('are the ones parseInventory finds, with a GPT id refused on the first row that names it', async () => {
    const csv = [
      header,
      'a,A,a@acme.com,Slack',
      'b,B,not-an-email,Slack', // invalid, but claims b
      'a,A again,a@acme.com,Slack', // duplicate of line 2
      'b,B again,b@acme.com,Slack', // duplicate of an invalid row
      ',No id,n@acme.com,Slack',
      'g-1,Not a GPT,g@acme.com,Slack', // a GPT's id
      'g-1,Twice,g@acme.com,Slack', // and its duplicate
      'c,C,c@acme.com',
      'd,D,d@acme.com,Gmail',
    ].join('\n');
    const parsed = await parseInventory(csv);
    // The old preview's rule: a valid row naming a GPT's id is refused, and the invalid rows listed by line.
    const gpt = parsed.rows.filter((r) => r.agentId === 'g-1');
    const inMemory = [
      ...parsed.errors,
      ...gpt.map((r) => ({ line: r.line, agentId: r.agentId, reason: 'a custom GPT already has this id' })),
    ].sort((x, y) => x.line - y.line);
    const shown = await preview(csv);
    expect(shown.errors).toEqual(inMemory);
    expect(shown.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(shown).toMatchObject({ rows: 9, errorCount: 7, counts: { created: 2 } });
  });

  it('keeps the first 10,000 by line and counts them all', async () => {
    const rows = Array.from({ length: MAX_ERRORS_KEPT + 5 }, (_, i) => `x,X ${i},x@acme.com,Slack`);
    const shown = await preview([header, 'x,First,x@acme.com,Slack', ...rows].join('\n'));
    expect(shown.errorCount).toBe(MAX_ERRORS_KEPT + 5);
    expect(shown.errors).toHaveLength(MAX_ERRORS_KEPT);
    expect(shown.errors[0]).toEqual({ line: 3, agentId: 'x', reason: 'duplicate agent_id x (first on line 2)' });
    expect(shown.errors.at(-1)!.line).toBe(MAX_ERRORS_KEPT + 2);
    expect(shown.counts).toMatchObject({ created: 1 });
  });
});
