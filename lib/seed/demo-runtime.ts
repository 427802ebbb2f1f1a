// What `npm start` does for the demo (scripts/runtime.ts): on an empty database, start the demo's Compliance API
// and seed the demo workspace through it; on a later start, start it again on a new loopback port, serving the
// same GPTs (dated from the same day), and point the demo's source at it. A workspace whose source an admin has
// pointed at a real tenant is left alone, and so is a database the demo never seeded.
import type { Actor } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { saveComplianceSource } from '@/lib/logs/sources.ts';
import { DEMO_WORKSPACE, seedDemoWorkspace } from './demo.ts';
import { anchorOfFirstRead } from './demo-gpt-reads.ts';
import { type DemoPlatform, isDemoPlatformUrl, startDemoPlatform } from './demo-platform.ts';

const PLATFORM_ACTOR: Actor = { id: null, label: 'demo-platform', role: null };

export type DemoRuntime = { seeded: boolean; platform: DemoPlatform | null; close(): Promise<void> };

export async function startDemo(
  db: Db,
  options: { url: string; secretKey: string; issuer?: string; now?: Date },
): Promise<DemoRuntime> {
  const ws = DEMO_WORKSPACE.id;
  const { principal } = DEMO_WORKSPACE;
  const source = await db.complianceSource.findUnique({
    where: { workspaceId: ws },
    select: { baseUrl: true, logTypes: true, enabled: true },
  });
  if (source && isDemoPlatformUrl(source.baseUrl)) {
    const firstRead = await db.gptReadRun.findFirst({
      where: { workspaceId: ws, source: 'api' },
      orderBy: { startedAt: 'asc' },
      select: { startedAt: true },
    });
    const anchor = firstRead ? anchorOfFirstRead(firstRead.startedAt) : (options.now ?? new Date());
    const platform = await startDemoPlatform({ principal, secretKey: options.secretKey, anchor });
    try {
      // Only the port moves: the log types and whether it is enabled stay as an admin left them. A new port is a new
      // origin, which clears the stored keys (docs/decisions/0026), so the simulator's key is entered again.
      const update = {
        baseUrl: platform.url,
        logTypes: source.logTypes,
        enabled: source.enabled,
        apiKey: platform.apiKey,
        actKey: platform.actKey,
      };
      if (source.baseUrl !== platform.url)
        await saveComplianceSource(db, PLATFORM_ACTOR, ws, update, options.secretKey);
    } catch (error) {
      await platform.close();
      throw error;
    }
    return { seeded: false, platform, close: platform.close };
  }
  const now = options.now ?? new Date();
  const platform = await startDemoPlatform({ principal, secretKey: options.secretKey, anchor: now });
  try {
    const seeded = await seedDemoWorkspace(db, {
      url: options.url,
      now,
      platform: { ...platform, secretKey: options.secretKey },
      issuer: options.issuer,
    });
    if (seeded) return { seeded, platform, close: platform.close };
  } catch (error) {
    await platform.close();
    throw error;
  }
  await platform.close();
  return { seeded: false, platform: null, close: async () => {} };
}
