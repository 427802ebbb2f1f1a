'use client';
// Adds one file as evidence through the attachment route (the raw file as the body).
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';

export function FileUpload({ workspaceId, exceptionId, maxBytes }: { workspaceId: string; exceptionId: string; maxBytes: number }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload(event: React.FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setMessage({ ok: false, text: 'Choose a file.' });
    if (file.size > maxBytes) return setMessage({ ok: false, text: `The file is larger than ${maxBytes / 1024 / 1024} MB.` });
    setBusy(true);
    const res = await fetch(`/api/exceptions/${encodeURIComponent(exceptionId)}/attachments?ws=${encodeURIComponent(workspaceId)}`, {
      method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream', 'X-Filename': encodeURIComponent(file.name) },
    }).catch(() => null);
    setBusy(false);
    if (res?.ok) {
      setMessage({ ok: true, text: `${file.name} attached.` });
      if (input.current) input.current.value = '';
      router.refresh();
    } else {
      const body = (await res?.json().catch(() => ({}))) as { error?: { message?: string } } | undefined;
      setMessage({ ok: false, text: body?.error?.message ?? 'Upload failed: nothing was attached.' });
    }
  }

  return (
    <form className="inline-form" onSubmit={upload} aria-label="Attach a file" aria-busy={busy}>
      <label>File (at most {maxBytes / 1024 / 1024} MB)<input ref={input} type="file" name="file" required /></label>
      <button className="button" type="submit" disabled={busy}>Attach file</button>
      {message && <p className={message.ok ? 'form-message ok' : 'form-message error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </form>
  );
}
