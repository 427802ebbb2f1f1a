'use client';
// Upload a 6.03 pack to POST /api/packs/approval-policy: it replaces the policy when valid, else nothing changes.
import { useRouter } from 'next/navigation';
import { useState } from 'react';

type Reply = {
  error?: { message: string };
  changed?: boolean;
  requiredAdded?: string[];
  requiredRemoved?: string[];
  loggedAdded?: string[];
  loggedRemoved?: string[];
  departures?: { direction: string; message: string }[];
};

function summary(filename: string, reply: Reply): string {
  if (!reply.changed) return `${filename} holds the policy already in force: nothing changed.`;
  const parts = [
    reply.requiredAdded?.length ? `approval added for ${reply.requiredAdded.join(', ')}` : '',
    reply.requiredRemoved?.length ? `approval removed from ${reply.requiredRemoved.join(', ')}` : '',
    reply.loggedAdded?.length ? `logging added for ${reply.loggedAdded.join(', ')}` : '',
    reply.loggedRemoved?.length ? `logging removed from ${reply.loggedRemoved.join(', ')}` : '',
  ].filter(Boolean);
  const weaker = (reply.departures ?? []).filter((d) => d.direction === 'weaker');
  const warning = weaker.length > 0 ? ` Weaker than the guide: ${weaker.map((d) => d.message).join('; ')}.` : '';
  return `Imported ${filename}: ${parts.join('; ')}.${warning}`;
}

export function PolicyImport({ workspaceId }: { workspaceId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0)
      return setResult({ ok: false, message: 'Choose a pack file (.jsonc or .json) to upload.' });
    setPending(true);
    setResult(null);
    try {
      const params = new URLSearchParams({
        ws: workspaceId,
        ...(form.get('confirmWeaker') === 'yes' ? { confirmWeaker: 'yes' } : {}),
      });
      const response = await fetch(`/api/packs/approval-policy?${params}`, {
        method: 'POST',
        body: file,
        headers: { 'X-Filename': encodeURIComponent(file.name) },
      });
      const reply = (await response.json().catch(() => ({}))) as Reply;
      if (!response.ok)
        setResult({ ok: false, message: reply.error?.message ?? `The import failed (HTTP ${response.status}).` });
      else {
        setResult({ ok: true, message: summary(file.name, reply) });
        router.refresh();
      }
    } catch {
      setResult({ ok: false, message: 'The upload did not reach the server. Nothing was imported.' });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="editor-form" aria-label="Import a 6.03 approval policy pack" aria-busy={pending}>
      <label className="file-label wide">
        Pack file (6.03, .jsonc or .json, comments allowed)
        <input type="file" name="file" accept=".jsonc,.json,application/json" required />
      </label>
      <label className="check wide">
        <input type="checkbox" name="confirmWeaker" value="yes" /> I confirm removing guide categories from the policy
        if the pack leaves them out
      </label>
      <p className="small muted wide">
        Replaces the whole policy: categories and actions the pack leaves out are removed. A pack with any error changes
        nothing.
      </p>
      <div className="wide">
        <button className="button button-primary" type="submit" disabled={pending}>
          {pending ? 'Importing…' : 'Import pack'}
        </button>
      </div>
      {result && (
        <p
          className={result.ok ? 'form-message ok wide' : 'form-message error wide'}
          role={result.ok ? 'status' : 'alert'}
        >
          {result.message}
        </p>
      )}
    </form>
  );
}
