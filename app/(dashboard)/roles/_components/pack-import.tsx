'use client';
// Upload a code pack (JSONC) as the approved baseline or as an observed export of the workspace.
import { useState } from 'react';
import { ActionForm } from '@/components/ui/action-form.tsx';
import type { ActionResult } from '@/lib/http/action.ts';

type Props = {
  action: (prev: unknown, formData: FormData) => Promise<ActionResult>;
  workspaceId: string;
  packName: string;
  /** Roles: a baseline import may grant high-risk dimensions, which needs a confirmation. */
  confirmHighRisk?: boolean;
};

export function PackImport({ action, workspaceId, packName, confirmHighRisk }: Props) {
  const [side, setSide] = useState<'observed' | 'baseline'>('observed');
  return (
    <ActionForm action={action} className="pack-form" label={`Import a ${packName} pack`}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <fieldset>
        <legend>The file is</legend>
        <label className="check">
          <input
            type="radio"
            name="side"
            value="observed"
            checked={side === 'observed'}
            onChange={() => setSide('observed')}
          />{' '}
          an export of the workspace (observed)
        </label>
        <label className="check">
          <input
            type="radio"
            name="side"
            value="baseline"
            checked={side === 'baseline'}
            onChange={() => setSide('baseline')}
          />{' '}
          what the organisation approves (baseline)
        </label>
      </fieldset>
      <label className="file-label">
        Pack file ({packName}, .jsonc or .json, comments allowed)
        <input type="file" name="file" accept=".jsonc,.json,application/json" required />
      </label>
      {side === 'baseline' && confirmHighRisk && (
        <label className="check">
          <input type="checkbox" name="confirmHighRisk" value="yes" /> I confirm any high-risk grants in this pack
          (publish, publish with shared connections, Slack bot)
        </label>
      )}
      <p className="small muted">
        {side === 'observed'
          ? 'Replaces the observed configuration; the approved baseline is not touched.'
          : 'Replaces the whole baseline: roles or apps the pack leaves out are removed from it.'}
      </p>
      <div>
        <button className="button button-primary" type="submit">
          Import pack
        </button>
      </div>
    </ActionForm>
  );
}
