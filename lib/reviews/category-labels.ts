// Plain words for the approval policy's categories (guide 6.03). The ids stay the reference (policy files,
// exceptions, audit); people read these first.
const LABELS: Record<string, string> = {
  email_send: 'Sending email',
  calendar_invite_external: 'Calendar invites to outside people',
  salesforce_record_create_update_delete: 'Creating, changing or deleting Salesforce records',
  sharepoint_drive_bulk_write_or_delete: 'Bulk writes or deletes in SharePoint or Drive',
  github_push_merge_release: 'GitHub push, merge or release',
  slack_post_to_channel_or_external_dm: 'Posting to a Slack channel or messaging outside people',
  mcp_first_invocation_of_tool: 'First call of each tool of a custom MCP server',
  financial_transaction_any: 'Any financial transaction',
  drive_create_or_update_within_owned_folder: 'Creating or updating files in an owned Drive folder',
  notion_create_page_in_owned_workspace: 'Creating Notion pages in an owned workspace',
  jira_comment_on_owned_ticket: 'Commenting on an owned Jira ticket',
};

/** "Sending email" for email_send; an id Tollgate does not know reads as words ("Foo bar" for foo_bar). */
export function categoryLabel(id: string): string {
  const known = LABELS[id];
  if (known) return known;
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : id;
}
