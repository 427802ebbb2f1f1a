// The fields of a subscription, shared by the create and edit forms. The URL is write-only (its path may hold a
// token): when editing, an empty URL keeps the stored one. The event list is the one in lib/webhooks/events.ts.
import { EVENT_LABELS, WEBHOOK_EVENT_TYPES } from '@/lib/webhooks/events.ts';

export type SubscriptionValues = {
  host: string | null;
  eventTypes: string[];
  format: string;
  minSeverity: string | null;
  enabled: boolean;
  description: string;
};

export const NEW_SUBSCRIPTION: SubscriptionValues = {
  host: null,
  eventTypes: ['alert.raised'],
  format: 'tollgate',
  minSeverity: null,
  enabled: true,
  description: '',
};

export function SubscriptionFields({ values }: { values: SubscriptionValues }) {
  return (
    <>
      <label>
        Destination URL (https){' '}
        {values.host && <span className="muted small">— now sending to {values.host}; leave empty to keep it</span>}
        <input
          name="url"
          type="url"
          autoComplete="off"
          required={!values.host}
          maxLength={2000}
          placeholder="https://siem.example.com/tollgate"
        />
      </label>
      <label>
        Description
        <input name="description" maxLength={200} defaultValue={values.description} placeholder="SIEM (Splunk HEC)" />
      </label>
      <fieldset>
        <legend>Events</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label className="check" key={type}>
            <input type="checkbox" name="eventTypes" value={type} defaultChecked={values.eventTypes.includes(type)} />
            <span>
              <code>{type}</code> <span className="muted small">{EVENT_LABELS[type]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="webhook-row">
        <label>
          Format
          <select name="format" defaultValue={values.format}>
            <option value="tollgate">Tollgate JSON envelope (signed)</option>
            <option value="slack">Slack-compatible text</option>
          </select>
        </label>
        <label>
          Alerts at or above
          <select name="minSeverity" defaultValue={values.minSeverity ?? ''}>
            <option value="">every severity</option>
            {['critical', 'high', 'medium', 'low'].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="check">
        <input type="checkbox" name="enabled" defaultChecked={values.enabled} /> Send deliveries
      </label>
    </>
  );
}
