// The EXPLAIN harness (decision 0032): a Prisma client whose connections record every statement they send, and the
// relations PostgreSQL's plan for one of them reads. A test runs a real query function through the client, then
// EXPLAINs exactly what it sent, with the same parameters (planned with their values, so pruning shows as it would).
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '@/lib/generated/prisma/client.ts';

export type Sent = { text: string; values: unknown[] };

export function recordingDb(url: string): { db: PrismaClient; sent: Sent[] } {
  const sent: Sent[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [config, values] = args as [string | { text?: string; values?: unknown[] }, unknown[] | undefined];
      if (typeof config === 'string') sent.push({ text: config, values: Array.isArray(values) ? values : [] });
      else if (config?.text) sent.push({ text: config.text, values: config.values ?? [] });
      return query(...args);
    };
  });
  return { db: new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }), sent };
}

type PlanNode = { 'Relation Name'?: string; Plans?: PlanNode[] };

/** Every table the plan of `statement` reads (partitions by their own name). */
export async function relationsRead(client: pg.ClientBase, statement: Sent): Promise<string[]> {
  const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>({
    text: `EXPLAIN (FORMAT JSON) ${statement.text}`,
    values: statement.values,
  });
  const names = new Set<string>();
  const walk = (node: PlanNode) => {
    if (node['Relation Name']) names.add(node['Relation Name']);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(rows[0]!['QUERY PLAN'][0]!.Plan);
  return [...names].sort();
}

/**
 * The text plan of `statement` with sequential scans and bitmaps priced out, after ANALYZE of `analyze` if given: an
 * index the statement could use shows by name, and a Sort node left means no index gives its order.
 */
export async function indexPlan(url: string, statement: Sent, analyze?: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (analyze) await client.query(`ANALYZE "${analyze}"`);
    await client.query('SET enable_seqscan = off');
    await client.query('SET enable_bitmapscan = off');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>({
      text: `EXPLAIN ${statement.text}`,
      values: statement.values,
    });
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}
