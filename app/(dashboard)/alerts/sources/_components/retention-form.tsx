'use client';
// Retention of personal content per log type, and a purge on demand (the daily job does the same).
import { ActionForm } from '@/components/ui/action-form.tsx';
import { purgeContentAction, setRetentionAction } from '@/lib/logs/actions.ts';

export function RetentionForm({ days }: { days: Record<string, number> }) {
  return (
    <div className="grid-2">
      <ActionForm action={setRetentionAction} className="source-form" label="Content retention">
        <label>
          Log type
          <select name="logType">
            {Object.keys(days).map((t) => (
              <option key={t} value={t}>
                {t} (now {days[t]} days)
              </option>
            ))}
          </select>
        </label>
        <label>
          Keep content for (days)
          <input name="days" type="number" min={1} max={3650} defaultValue={30} required />
        </label>
        <div>
          <button className="button" type="submit">
            Set retention
          </button>
        </div>
      </ActionForm>
      <ActionForm action={purgeContentAction} className="source-form" label="Purge content">
        <p className="small muted">
          Content older than its retention is purged every day at 03:17 UTC. Each purge, scheduled or not, is written to
          the audit log with what it removed.
        </p>
        <div>
          <button className="button" type="submit">
            Purge now
          </button>
        </div>
      </ActionForm>
    </div>
  );
}
