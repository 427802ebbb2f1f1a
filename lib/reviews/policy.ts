// The approval policy (guide 6.03): which action categories an agent must gate with a human approval, and
// which actions are logged only. A workspace without a saved policy has the guide's.
import type { Db, Tx } from '@/lib/db.ts';

/** The guide's required-approval categories, in its order (the 6.03 pack's approval_required_actions). */
export const GUIDE_REQUIRED = [
  'email_send',
  'calendar_invite_external',
  'salesforce_record_create_update_delete',
  'sharepoint_drive_bulk_write_or_delete',
  'github_push_merge_release',
  'slack_post_to_channel_or_external_dm',
  'mcp_first_invocation_of_tool',
  'financial_transaction_any',
] as const;

/** The guide's logged-only actions (approval_logged_actions). */
export const GUIDE_LOGGED = [
  'drive_create_or_update_within_owned_folder',
  'notion_create_page_in_owned_workspace',
  'jira_comment_on_owned_ticket',
] as const;

export type ApprovalPolicyData = { required: string[]; logged: string[] };

export const GUIDE_POLICY: ApprovalPolicyData = { required: [...GUIDE_REQUIRED], logged: [...GUIDE_LOGGED] };

export type StoredPolicy = ApprovalPolicyData & {
  source: 'guide' | 'saved';
  updatedBy: string | null;
  updatedAt: Date | null;
};

/** The workspace's policy: the saved one, or the guide's. */
export async function loadPolicy(db: Db | Tx, workspaceId: string): Promise<StoredPolicy> {
  const row = await db.approvalPolicy.findUnique({ where: { workspaceId } });
  if (!row) return { ...GUIDE_POLICY, source: 'guide', updatedBy: null, updatedAt: null };
  return {
    required: row.required,
    logged: row.logged,
    source: 'saved',
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}
