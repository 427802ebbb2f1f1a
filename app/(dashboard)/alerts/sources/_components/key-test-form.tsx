'use client';
// "Test connection" for one stored key: one harmless request, its answer shown here and stored for the page.
import { ActionForm } from '@/components/ui/action-form.tsx';
import { testKeyAction } from '@/lib/platform/key-actions.ts';

export function KeyTestForm({ workspaceId, which }: { workspaceId: string; which: 'read' | 'act' }) {
  return (
    <ActionForm action={testKeyAction} className="inline-form" label={`Test the ${which} key`}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="which" value={which} />
      <button className="button" type="submit">
        Test connection
      </button>
    </ActionForm>
  );
}
