// The Overview's exposed figure (issue 15, item 13): one count, from the latest snapshot, with its time, and the
// same count 6.4 judges — not a live count beside a snapshot's ("31 exposed" and "32 exposed" on one page); and the
// posture moves when more agents are exposed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { classificationColumns } from '@/lib/agents/classification-columns.ts';
import { configHash } from '@/lib/agents/config-hash.ts';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { classifyAgent } from '@/lib/trifecta/classify.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { postureOverview, trifectaFigure } from './overview.ts';
import { evaluatePosture, takeSnapshot } from './snapshot.ts';

const WS = 'ov-figure';
const resolve = createAppResolver(builtinCatalogue('guide'));
const exposed: ConnectorInput[] = [{ app: 'google-drive' }, { app: 'slack' }];
const clean: ConnectorInput[] = [{ app: 'notion' }];
let db: Db;

async function putAgent(externalId: string, connectors: ConnectorInput[], over: { effectiveState?: string } = {}) {
  const hash = configHash(connectors);
  const data = {
    name: externalId,
    ownerEmail: 'olga@acme.example',
    status: 'published',
    apps: connectors.map((c) => c.app),
    connectors,
    configHash: hash,
    ...classificationColumns(classifyAgent(connectors, resolve, { configHash: hash })),
    ...over,
  };
  await db.agent.create({ data: { workspaceId: WS, externalId, ...data } });
}

const check64 = (p: Awaited<ReturnType<typeof evaluatePosture>>) =>
  p.controls.find((c) => c.id === '6.4')!.checks.find((k) => k.id === 'no-exposed')!;

beforeAll(async () => {
  db = createDb(await createTestDatabase('posture-overview'));
  await createWorkspace(
    db,
    { id: null, label: 'admin@acme.example', role: 'admin' },
    { id: WS, name: 'Overview figure', kind: 'workspace', principal: null },
  );
  for (let i = 0; i < 10; i++) await putAgent(`clean-${i}`, clean);
  await putAgent('exposed-1', exposed);
  await putAgent('exposed-2', exposed);
  // Stored as accepted, but no exception in force accepts it any more: exposed for 6.4, and so for the Overview.
  await putAgent('lapsed', exposed, { effectiveState: 'accepted' });
});
afterAll(async () => db.$disconnect());

describe('the Overview exposed figure', () => {
  it('is the count 6.4 judges, from the latest snapshot, with its time, until the next snapshot', async () => {
    const first = (await takeSnapshot(db, WS, 'change', new Date(), { force: true }))!;
    const figure = (await trifectaFigure(db, WS))!;
    expect(figure).toMatchObject({ exposed: 3, accepted: 0, at: first.at });
    const overview = await postureOverview(db, WS);
    expect(overview.data.counts.trifecta.exposed).toBe(figure.exposed);
    expect(overview.at).toEqual(figure.at);
    expect(check64(overview.data).detail).toBe('3 of 13 agents hold the trifecta unmitigated.');

    // A new exposed agent: the live evaluation sees 4, the Overview keeps one figure (3, as of the snapshot) ...
    await putAgent('exposed-3', exposed);
    expect(check64(await evaluatePosture(db, WS, new Date())).share).toMatchObject({ passing: 10, total: 14 });
    expect(await trifectaFigure(db, WS)).toMatchObject({ exposed: 3, at: first.at });
    expect((await postureOverview(db, WS)).data.counts.trifecta.exposed).toBe(3);
    // ... until the next snapshot moves it, with the new time.
    const second = (await takeSnapshot(db, WS, 'change', new Date(Date.now() + 1000)))!;
    expect(await trifectaFigure(db, WS)).toMatchObject({ exposed: 4, at: second.at });
    expect((await postureOverview(db, WS)).data.counts.trifecta.exposed).toBe(4);
  });

  it('moves the overall score and 6.4 down when 13 more agents are exposed', async () => {
    const before = await evaluatePosture(db, WS, new Date());
    for (let i = 0; i < 13; i++) await putAgent(`more-exposed-${i}`, exposed);
    const after = await evaluatePosture(db, WS, new Date());
    expect(after.controls.find((c) => c.id === '6.4')!.score!).toBeLessThan(
      before.controls.find((c) => c.id === '6.4')!.score!,
    );
    expect(after.overall!).toBeLessThan(before.overall!);
    expect(after.counts.trifecta.exposed).toBe(before.counts.trifecta.exposed + 13);
  });
});
