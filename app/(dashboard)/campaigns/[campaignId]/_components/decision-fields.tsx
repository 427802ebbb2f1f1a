// The fields of a decision: keep, revoke, or (ownership only) reassign to someone, and why.
import type { CampaignItemView } from '@/lib/campaigns/queries.ts';
import { isScope, REASSIGNABLE } from '@/lib/campaigns/types.ts';

export function DecisionFields({ item }: { item: CampaignItemView }) {
  const reassignable = isScope(item.scope) && REASSIGNABLE.includes(item.scope);
  return (
    <>
      <label>
        Decision
        <select name="decision" defaultValue="keep">
          <option value="keep">Keep</option>
          <option value="revoke">Revoke</option>
          {reassignable && <option value="reassign">Reassign</option>}
        </select>
      </label>
      {reassignable && (
        <label>
          Reassign to (email)
          <input type="email" name="reassignTo" />
        </label>
      )}
      <label>
        Reason
        <input name="reason" required maxLength={2000} />
      </label>
    </>
  );
}
