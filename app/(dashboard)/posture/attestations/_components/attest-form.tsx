'use client';
// Attests one control: with a link through the server action, with a file through the upload route
// (server-action bodies are small), then refreshes.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { attestWithLinkAction } from '../../../../../lib/posture/attestation-actions.ts';

type Props = { workspaceId: string; controlId: string; title: string; minDay: string; maxDay: string; maxBytes: number };

export function AttestForm({ workspaceId, controlId, title, minDay, maxDay, maxBytes }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const mb = maxBytes / 1024 / 1024;

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get('file');
    const hasFile = file instanceof File && file.name !== '';
    const url = String(data.get('url') ?? '').trim();
    if (!hasFile && !url) return setMessage({ ok: false, text: 'Give an https link or choose a file as evidence.' });
    if (hasFile && url) return setMessage({ ok: false, text: 'Give either a link or a file, not both.' });
    if (hasFile && file.size > maxBytes) return setMessage({ ok: false, text: `The file is larger than ${mb} MB.` });
    if (!hasFile) data.delete('file');
    setBusy(true);
    const result = hasFile ? await upload(data) : await attestWithLinkAction(null, data).catch(() => null);
    setBusy(false);
    if (result?.ok) {
      setMessage({ ok: true, text: `Control ${controlId} attested.` });
      form.reset();
      router.refresh();
    } else {
      setMessage({ ok: false, text: result?.message ?? 'Attesting failed: nothing was saved.' });
    }
  }

  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Attest control ${controlId}: ${title}`} aria-busy={busy}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="controlId" value={controlId} />
      <label>Statement (10–2,000 characters)<textarea name="statement" rows={2} minLength={10} maxLength={2000} required /></label>
      <label>Expires (00:00 UTC, at most 90 days)<input type="date" name="expiresAt" min={minDay} max={maxDay} defaultValue={maxDay} required /></label>
      <label>Evidence link (https only)<input type="url" name="url" placeholder="https://" pattern="https://.*" /></label>
      <label>or evidence file (at most {mb} MB)<input type="file" name="file" /></label>
      <button className="button button-primary" type="submit" disabled={busy}>Attest {controlId}</button>
      {message && <p className={message.ok ? 'form-message ok' : 'form-message error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </form>
  );
}

/** Posts the form with its file to the upload route; the route's error message when it refuses. */
async function upload(data: FormData): Promise<{ ok: boolean; message?: string } | null> {
  const res = await fetch('/api/attestations', { method: 'POST', body: data }).catch(() => null);
  if (!res) return null;
  if (res.ok) return { ok: true };
  const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  return { ok: false, message: body.error?.message };
}
