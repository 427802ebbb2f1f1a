'use client';
// A form with evidence (an https link or a file, not both, the file within the size limit): checked in the
// browser first, then sent by `send`; on success the form is cleared and the page refreshed.
import { useRouter } from 'next/navigation';
import { useState } from 'react';

export type SendResult = { ok: boolean; message?: string } | null;

export function useEvidenceForm(
  maxBytes: number,
  send: (data: FormData, hasFile: boolean) => Promise<SendResult>,
  done: string,
  failed: string,
) {
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
    const result = await send(data, hasFile).catch(() => null);
    setBusy(false);
    if (result?.ok) {
      setMessage({ ok: true, text: done });
      form.reset();
      router.refresh();
    } else {
      setMessage({ ok: false, text: result?.message ?? failed });
    }
  }
  return { message, busy, submit, mb };
}

/** Posts the form to a route handler; the route's error message when it refuses. */
export async function postForm(route: string, data: FormData): Promise<SendResult> {
  const res = await fetch(route, { method: 'POST', body: data }).catch(() => null);
  if (!res) return null;
  if (res.ok) return { ok: true };
  const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  return { ok: false, message: body.error?.message };
}
