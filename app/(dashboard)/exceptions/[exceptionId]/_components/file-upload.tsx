'use client';
// Adds one file as evidence through the attachment route (a multipart form, like every evidence upload).
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { postForm } from '@/components/ui/use-evidence-form.ts';

export function FileUpload({
  workspaceId,
  exceptionId,
  maxBytes,
}: {
  workspaceId: string;
  exceptionId: string;
  maxBytes: number;
}) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload(event: React.FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setMessage({ ok: false, text: 'Choose a file.' });
    if (file.size > maxBytes)
      return setMessage({ ok: false, text: `The file is larger than ${maxBytes / 1024 / 1024} MB.` });
    setBusy(true);
    const data = new FormData();
    data.set('file', file);
    const result = await postForm(
      `/api/exceptions/${encodeURIComponent(exceptionId)}/attachments?ws=${encodeURIComponent(workspaceId)}`,
      data,
    );
    setBusy(false);
    if (result?.ok) {
      setMessage({ ok: true, text: `${file.name} attached.` });
      if (input.current) input.current.value = '';
      router.refresh();
    } else {
      setMessage({ ok: false, text: result?.message ?? 'Upload failed: nothing was attached.' });
    }
  }

  return (
    <form className="inline-form" onSubmit={upload} aria-label="Attach a file" aria-busy={busy}>
      <label>
        File (at most {maxBytes / 1024 / 1024} MB)
        <input ref={input} type="file" name="file" required />
      </label>
      <button className="button" type="submit" disabled={busy}>
        Attach file
      </button>
      {message && (
        <p className={message.ok ? 'form-message ok' : 'form-message error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
