// `tollgate alerts --json [--workspace ID]`: the workspace's alerts, newest first.
import { resolveWorkspace } from '@/lib/workspaces/service.ts';
import { withDatabase } from './context.ts';

export async function alertsCommand(options: { json: boolean; workspace?: string }): Promise<number> {
  return withDatabase(async ({ db }) => {
    const ws = await resolveWorkspace(db, options.workspace);
    const alerts = await db.alert.findMany({
      where: { workspaceId: ws.id },
      orderBy: [{ at: 'desc' }, { id: 'asc' }],
      select: {
        id: true,
        ruleId: true,
        severity: true,
        status: true,
        agentId: true,
        eventIds: true,
        at: true,
        message: true,
      },
    });
    if (options.json)
      console.log(
        JSON.stringify(
          alerts.map((a) => ({
            id: a.id,
            rule: a.ruleId,
            severity: a.severity,
            status: a.status,
            agent_id: a.agentId,
            event_ids: a.eventIds,
          })),
        ),
      );
    else if (alerts.length === 0) console.log('No alerts.');
    else
      for (const a of alerts)
        console.log(`${a.at.toISOString()}\t${a.severity}\t${a.status}\t${a.ruleId}\t${a.message}`);
    return 0;
  });
}
