'use client';
// Where new alerts go: a Slack-compatible incoming webhook. The URL is write-only (it holds a secret).
import { ActionForm } from '@/components/ui/action-form.tsx';
import { saveWebhookAction } from '@/lib/alerts/actions.ts';

export function WebhookForm({
  workspaceId,
  host,
  minSeverity,
  enabled,
}: {
  workspaceId: string;
  host: string | null;
  minSeverity: string;
  enabled: boolean;
}) {
  return (
    <ActionForm action={saveWebhookAction} className="source-form" label="Alert notifications">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <label>
        Webhook URL (https){' '}
        {host && <span className="muted small">— now sending to {host}; leave empty to keep it</span>}
        <input
          name="url"
          type="url"
          autoComplete="off"
          required={!host}
          placeholder="https://hooks.slack.com/services/…"
        />
      </label>
      <label>
        Send alerts at or above
        <select name="minSeverity" defaultValue={minSeverity}>
          {['critical', 'high', 'medium', 'low'].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" name="enabled" defaultChecked={enabled} /> Send notifications
      </label>
      <div>
        <button className="button button-primary" type="submit">
          Save notifications
        </button>
      </div>
    </ActionForm>
  );
}
