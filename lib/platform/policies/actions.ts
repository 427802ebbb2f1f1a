'use server';
// The response-policy form (Alerts → Response policies, admins: settings:write, the permission of the other
// workspace-wide settings an admin alone changes). Thin: read the form, save the version, then evaluate at once so
// the page shows what the rules decided (a dry run's "would" included) instead of waiting for the next pull.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { logger } from '@/lib/log.ts';
import { POLICY_RULES } from './rules.ts';
import { evaluateResponsePolicies, saveResponsePolicy } from './service.ts';

const policyForm = z.object({
  workspaceId: field.id('Unknown workspace.'),
  published_unapproved: field.text(),
  gpt_shared_beyond_policy: field.text(),
  trifecta_after_approval: field.text(),
  note: field.text(),
});

export const saveResponsePolicyAction = formAction('settings:write', policyForm, async ({ actor, db, input }) => {
  const rules = Object.fromEntries(POLICY_RULES.map((r) => [r, input[r] || 'off']));
  const saved = await saveResponsePolicy(db, actor, input.workspaceId, rules, { note: input.note });
  if (!saved.changed) return { message: 'Nothing changed.' };
  let evaluated = '';
  try {
    const { decided, noActKey } = await evaluateResponsePolicies(db, input.workspaceId);
    evaluated =
      ` Evaluated now: ${decided.acted} requested, ${decided.held} held for approval, ${decided.dry_run} dry run` +
      `${noActKey.length ? ' (no act key: rules that are on record a dry run)' : ''}.`;
  } catch (error) {
    logger.error({ err: error, workspaceId: input.workspaceId }, 'response policies failed');
    evaluated = ' They run after the next pull.';
  }
  revalidatePath('/alerts/response-policies');
  revalidatePath('/actions');
  return { message: `Response policy saved as version ${saved.version}.${evaluated}` };
});
