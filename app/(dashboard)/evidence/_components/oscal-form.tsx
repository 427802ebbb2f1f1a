'use client';
// The OSCAL export is one GET: the browser downloads the JSON (errors come back as JSON with the reason).
import { useState } from 'react';

export function OscalForm({ workspaceId, defaults }: { workspaceId: string; defaults: { from: string; to: string } }) {
  const [period, setPeriod] = useState(defaults);
  return (
    <form className="inline-form" action="/api/evidence/oscal" method="get" aria-label="OSCAL assessment results">
      <input type="hidden" name="ws" value={workspaceId} />

      <label>
        From (UTC)
        <input
          type="date"
          name="from"
          value={period.from}
          onChange={(e) => setPeriod({ ...period, from: e.target.value })}
          required
        />
      </label>
      <label>
        To (UTC, exclusive)
        <input
          type="date"
          name="to"
          value={period.to}
          onChange={(e) => setPeriod({ ...period, to: e.target.value })}
          required
        />
      </label>
      <button className="button" type="submit">
        Download OSCAL JSON
      </button>
    </form>
  );
}
