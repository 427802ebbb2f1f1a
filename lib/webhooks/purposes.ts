// Secret-box purposes (one derived key each). URLs keep the purpose of the former alert webhook, so the rows the
// migration moved from AlertWebhook open as they are (no re-sealing step at start).
export const URL_PURPOSE = 'alert-webhook-url';
export const SECRET_PURPOSE = 'webhook-signing-secret';
