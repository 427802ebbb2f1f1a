// The demo's access reviews, through the campaign services: Greta GRC ran a GPT sharing review six weeks ago that
// Rhea and she decided to the end (one revocation the platform has not yet shown done), and an ownership review
// over agents and GPTs is running now: what Owen Price (who left) owns reassigned, Rhea's items decided, the rest
// of Greta's still open. Rhea and Greta are Tollgate users of the demo identity provider who have signed in before.
import type { Db } from '@/lib/db.ts';
import { DEMO_ROLE_MAP, DEMO_USERS } from '@/lib/demo-idp/users.ts';
import { type Decider, decideItem, startCampaign } from '@/lib/campaigns/service.ts';
import type { DecisionInput } from '@/lib/campaigns/rules.ts';
import { ago, type Step } from './timeline.ts';

const MIN = 60_000;
const reviewerConfig = { roleMap: DEMO_ROLE_MAP, adminSubjects: '' };
/** The demo provider's issuer on the default port (scripts/runtime.ts passes the one it starts). */
export const DEFAULT_DEMO_ISSUER = 'http://localhost:3001';
/** Owen Price left (deactivated on the demo roster) and still owns GPTs. */
const DEPARTED_OWNER = 'owen.price@acme.example';

type Item = { id: string; key: string; holder: string; scope: string; reviewerId: string; detail: unknown };

export function campaignSteps(db: Db, workspaceId: string, now: Date, issuer = DEFAULT_DEMO_ISSUER): Step[] {
  const deciders = new Map<string, Decider>();
  const signedIn = ago(now, 41);
  const sharingStart = ago(now, 40, 9 * 60);
  const ownersStart = ago(now, 6, 9 * 60);
  let sharing = '';
  let owners = '';

  // A reviewer decides some of their open items at a sitting, a couple of minutes per item.
  const sitting = (at: Date, campaign: () => string, reviewer: string, pick: (open: Item[]) => Item[]): Step => ({
    at,
    run: async () => {
      const user = [...deciders.values()].find((d) => d.role === reviewer)!;
      const open: Item[] = await db.campaignItem.findMany({
        where: { campaignId: campaign(), reviewerId: user.id!, decision: null },
        orderBy: { key: 'asc' },
      });
      for (const [i, item] of pick(open).entries())
        await decideItem(db, user, workspaceId, item.id, decisionFor(item), new Date(at.getTime() + i * 2 * MIN));
    },
  });
  const half = (open: Item[]) => open.slice(0, Math.ceil(open.length / 2));
  const all = (open: Item[]) => open;
  const departed = (open: Item[]) => open.filter((i) => i.holder === DEPARTED_OWNER);

  return [
    {
      at: signedIn,
      run: async () => {
        for (const role of ['reviewer', 'grc'] as const) {
          const u = DEMO_USERS.find((d) => d.role === role)!;
          const row = await db.user.create({
            data: {
              issuer,
              subject: u.id,
              email: u.email,
              name: u.name,
              groups: u.groups,
              groupsClaim: true,
              lastSignInAt: signedIn,
              createdAt: signedIn,
            },
          });
          deciders.set(u.id, { id: row.id, label: u.email, role, roles: [role] });
        }
      },
    },
    {
      at: sharingStart,
      run: async () => {
        const started = await startCampaign(
          db,
          grc(deciders),
          workspaceId,
          {
            name: 'GPT sharing review — autumn',
            scopes: ['gpt-sharing'],
            reviewerIds: [...deciders.values()].map((d) => d.id!),
            dueAt: ago(now, 26),
            recurrenceDays: 90,
          },
          { now: sharingStart, reviewerConfig },
        );
        sharing = started.id;
      },
    },
    sitting(ago(now, 39, 10 * 60), () => sharing, 'reviewer', half),
    sitting(ago(now, 37, 14 * 60), () => sharing, 'grc', all),
    sitting(ago(now, 33, 11 * 60), () => sharing, 'reviewer', all),
    {
      at: ownersStart,
      run: async () => {
        const started = await startCampaign(
          db,
          grc(deciders),
          workspaceId,
          {
            name: 'Agent and GPT ownership review',
            scopes: ['agent-owners', 'gpt-owners'],
            reviewerIds: [...deciders.values()].map((d) => d.id!),
            dueAt: ago(now, -8),
            recurrenceDays: null,
          },
          { now: ownersStart, reviewerConfig },
        );
        owners = started.id;
      },
    },
    // Greta chases what a departure left behind first; Rhea decides all of hers.
    sitting(ago(now, 5, 11 * 60), () => owners, 'grc', departed),
    sitting(ago(now, 4, 15 * 60), () => owners, 'reviewer', all),
  ];
}

const grc = (deciders: Map<string, Decider>) => [...deciders.values()].find((d) => d.role === 'grc')!;

/** What the demo's reviewers decided about one item, with the reason they gave. */
function decisionFor(item: Item): DecisionInput {
  const gpt = (item.detail as { gpt?: string }).gpt ?? 'this GPT';
  if (item.holder === 'anyone_with_link')
    return {
      decision: 'revoke',
      reason: `${gpt} does not need to reach anyone with the link: share it with the workspace instead.`,
    };
  if (item.holder === DEPARTED_OWNER)
    return {
      decision: 'reassign',
      reason: 'Owen Price left in October; Lars Nilsson, who led his team, takes it over.',
      reassignTo: 'lars.nilsson@acme.example',
    };
  if (item.holder === 'gpt_store')
    return { decision: 'keep', reason: `${gpt} is in the GPT Store on purpose for the brand agency (CAB-2026-0455).` };
  if (item.scope === 'gpt-sharing' && item.key.includes(':group:'))
    return { decision: 'keep', reason: 'The whole team uses it; the group is managed in Okta.' };
  if (item.scope === 'gpt-sharing') return { decision: 'keep', reason: 'Still works with the owner on this.' };
  return { decision: 'keep', reason: 'The owner still maintains it and is on the roster.' };
}
