// The demo's custom GPTs arrive the way a real tenant's do: Ada Admin connects the Compliance API source (the
// simulated platform, its key sealed like a real one) two months ago, and the scheduled read runs each morning
// from then on. After the first read she records the workspace's GPT settings as the GPT policy, so that only the
// Zapier hook stays outside the allowed action domains. The platform's clock walks with the timeline, so a version
// made between two reads is first seen by the next one and the GPTs' timelines and versions carry their dates.
import type { Actor } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { saveGptPolicy } from '@/lib/gpts/policy-service.ts';
import { readGptsFromApi } from '@/lib/gpts/read.ts';
import { DEMO_GPT_ALLOWED_DOMAINS } from '@/lib/platform-sim/action-schemas.ts';
import { saveComplianceSource } from '@/lib/logs/sources.ts';
import { DEFAULT_RULES } from '@/lib/platform/policies/rules.ts';
import { evaluateResponsePolicies, saveResponsePolicy } from '@/lib/platform/policies/service.ts';
import type { DemoPlatform } from './demo-platform.ts';
import type { Step } from './timeline.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The first read's day, counted back from the seed's day; the platform's GPTs are dated from that day on. */
export const FIRST_READ_DAYS = 60;
const READ_HOUR = 6;

const ADMIN: Actor = { id: null, label: 'ada.admin@demo.tollgate.local', role: 'admin' };

/** The day (00:00 UTC) the demo's GPTs are dated from, given the first read's time: the seed's own day. */
export const anchorOfFirstRead = (firstRead: Date) =>
  new Date(Math.floor(firstRead.getTime() / DAY) * DAY + FIRST_READ_DAYS * DAY);

/** Each morning's read from FIRST_READ_DAYS ago to the seed's day, after the source is connected. */
export function gptReadSteps(
  db: Db,
  workspaceId: string,
  now: Date,
  platform: DemoPlatform & { principal: string; secretKey: string },
): Step[] {
  const first = Math.floor(now.getTime() / DAY) * DAY - FIRST_READ_DAYS * DAY + READ_HOUR * HOUR;
  const connected = new Date(first - HOUR);
  const settings = { baseUrl: platform.url, principal: platform.principal, apiKey: platform.apiKey };
  const steps: Step[] = [
    {
      at: connected,
      run: () =>
        saveComplianceSource(
          db,
          ADMIN,
          workspaceId,
          {
            baseUrl: platform.url,
            // The GPT acting routes' events are audit-log events (lib/platform-sim/act-routes.ts).
            logTypes: ['CUSTOM_AGENTS_LOG', 'AUDIT_LOG'],
            apiKey: platform.apiKey,
            actKey: platform.actKey,
            enabled: true,
          },
          platform.secretKey,
          connected,
        ),
    },
  ];
  const policySaved = new Date(first + 3 * HOUR);
  steps.push({
    at: policySaved,
    run: () =>
      saveGptPolicy(
        db,
        ADMIN,
        workspaceId,
        {
          allowedActionDomains: DEMO_GPT_ALLOWED_DOMAINS,
          maxVisibility: 'workspace',
          thirdPartyGpts: 'approved_only',
          approvedThirdPartyGpts: [],
          publicApiDomains: ['open-meteo.com'],
        },
        { note: 'As set in the admin console (Workspace settings → GPTs).', now: policySaved },
      ),
  });
  for (let t = first; t <= now.getTime(); t += DAY) {
    const at = new Date(t);
    steps.push({
      at,
      run: async () => {
        platform.setClock(at);
        const read = await readGptsFromApi(db, workspaceId, settings, { now: () => at });
        if (read.error) throw new Error(`the demo's GPT read failed: ${read.error}`);
      },
    });
  }
  // After the last morning's read, an admin tries the response policy for GPTs shared beyond policy in dry run:
  // its decisions (what it would have isolated) are on Alerts → Response policies and in the Actions list.
  const lastRead = Math.max(...steps.map((step) => step.at.getTime()));
  const tried = new Date(Math.min(lastRead + HOUR, now.getTime()));
  steps.push({
    at: tried,
    run: async () => {
      await saveResponsePolicy(
        db,
        ADMIN,
        workspaceId,
        { ...DEFAULT_RULES, gpt_shared_beyond_policy: 'dry_run' },
        { note: 'Trying the GPT isolation in dry run before turning it on.', now: tried },
      );
      await evaluateResponsePolicies(db, workspaceId, tried);
    },
  });
  return steps;
}
