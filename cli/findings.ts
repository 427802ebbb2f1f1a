// `tollgate findings [--json] [--workspace ID]`: the workspace's current findings (open and excepted, as
// of now), the same list as the Findings page. --json prints one array of
// {id, control, kind, subject, message, status, owner, due, exception_id}. Exit 0.
import { DEFAULT_FINDING_FILTER } from '@/lib/findings/filter.ts';
import { findingJson, listFindings } from '@/lib/findings/queries.ts';
import { resolveWorkspace } from '@/lib/workspaces/service.ts';
import { withDatabase } from './context.ts';

export type FindingsOptions = { json: boolean; workspace?: string };

export async function findingsCommand(options: FindingsOptions): Promise<number> {
  return withDatabase(async ({ db }) => {
    const workspace = await resolveWorkspace(db, options.workspace);
    const now = new Date();
    const findings = await listFindings(db, workspace.id, DEFAULT_FINDING_FILTER, now);
    if (options.json) {
      console.log(JSON.stringify(findings.map(findingJson)));
      return 0;
    }
    if (findings.length === 0) {
      console.log(`No open findings in ${workspace.id}.`);
      return 0;
    }
    for (const f of findings) {
      const state = f.status === 'excepted' ? `excepted (${f.exception_id})` : f.overdue ? 'open, overdue' : 'open';
      console.log(
        `${f.control}\t${f.kind}\t${f.subject.label}\t${state}\t${f.owner ?? 'unassigned'}\t` +
          `due ${f.due.toISOString().slice(0, 10)}\n  ${f.message}`,
      );
    }
    return 0;
  });
}
