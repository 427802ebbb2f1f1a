'use client';
// Signs one step: posts the form (note, and an https link or a file) to the sign-off route, then refreshes.
import { useRouter } from 'next/navigation';
import { useState } from 'react';

export function SignForm({ workspaceId, step, title, maxBytes }: { workspaceId: string; step: number; title: string; maxBytes: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const mb = maxBytes / 1024 / 1024;

  async function sign(event: React.FormEvent<HTMLFormElement>) {
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
    const res = await fetch('/api/checklist/signoffs', { method: 'POST', body: data }).catch(() => null);
    setBusy(false);
    if (res?.ok) {
      setMessage({ ok: true, text: `Step ${step} signed.` });
      form.reset();
      router.refresh();
    } else {
      const body = (await res?.json().catch(() => ({}))) as { error?: { message?: string } } | undefined;
      setMessage({ ok: false, text: body?.error?.message ?? 'Signing failed: nothing was saved.' });
    }
  }

  return (
    <form className="inline-form" onSubmit={sign} aria-label={`Sign step ${step}: ${title}`} aria-busy={busy}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="step" value={step} />
      <label>Note<input type="text" name="note" maxLength={2000} /></label>
      <label>Evidence link (https only)<input type="url" name="url" placeholder="https://" pattern="https://.*" /></label>
      <label>or evidence file (at most {mb} MB)<input type="file" name="file" /></label>
      <button className="button button-primary" type="submit" disabled={busy}>Sign step {step}</button>
      {message && <p className={message.ok ? 'form-message ok' : 'form-message error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </form>
  );
}
