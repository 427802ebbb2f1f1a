'use client';
// Starts a pack, shows its progress (files written, bytes), and downloads it when it is ready.
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

type Progress = {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  fileCount: number;
  files: number;
  bytes: number;
  current: string;
  manifestSha256: string | null;
  error: string | null;
  filename: string;
  download: string | null;
};
type Props = {
  workspaceId: string;
  frameworks: { value: string; label: string }[];
  controls: { id: string; title: string }[];
  defaults: { from: string; to: string };
};

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

export function PackForm({ workspaceId, frameworks, controls, defaults }: Props) {
  const router = useRouter();
  const [form, setForm] = useState({ framework: 'soc2', controlId: '', from: defaults.from, to: defaults.to });
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  async function poll(id: string) {
    const res = await fetch(`/api/evidence/packs/${id}`, { cache: 'no-store' });
    const body = (await res.json()) as Progress & { error?: string };
    if (!res.ok) return setError(body.error ?? 'The pack is no longer available.');
    setProgress(body);
    if (body.status === 'running' || body.status === 'queued') timer.current = setTimeout(() => void poll(id), 400);
    else if (body.status === 'done') {
      // The pack is in the audit log now: re-read the page so "Recently produced" lists it.
      router.refresh();
      if (body.download) window.location.assign(body.download);
    }
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setProgress(null);
    const res = await fetch('/api/evidence/packs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ workspaceId, ...form }),
    });
    const body = (await res.json()) as Progress & { error?: string };
    if (!res.ok) return setError(body.error ?? 'The pack could not be started.');
    setProgress(body);
    void poll(body.id);
  }

  const running = progress?.status === 'running' || progress?.status === 'queued';
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm({ ...form, [k]: e.target.value });
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Evidence pack" aria-busy={running}>
      <label>
        Framework
        <select aria-label="Framework" value={form.framework} onChange={set('framework')}>
          {frameworks.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Control (optional)
        <select aria-label="Control (optional)" value={form.controlId} onChange={set('controlId')}>
          <option value="">Every control of the framework</option>
          {controls.map((c) => (
            <option key={c.id} value={c.id}>
              {c.id} {c.title}
            </option>
          ))}
        </select>
      </label>

      <label>
        From (UTC)
        <input type="date" value={form.from} onChange={set('from')} required />
      </label>
      <label>
        To (UTC, exclusive)
        <input type="date" value={form.to} onChange={set('to')} required />
      </label>
      <button className="button button-primary" type="submit" disabled={running}>
        Generate pack
      </button>
      {progress && (
        <div className="pack-progress" role="status">
          <progress max={progress.fileCount || 1} value={progress.files} aria-label="Pack progress" />{' '}
          <span className="small">
            {progress.status === 'queued' && 'Waiting for a pack worker…'}
            {progress.status === 'running' &&
              `${progress.files} of ${progress.fileCount} files · ${mb(progress.bytes)}` +
                (progress.current ? ` · ${progress.current}` : '')}
            {progress.status === 'done' && (
              <>
                Pack ready:{' '}
                <a href={progress.download ?? '#'} download>
                  {progress.filename}
                </a>{' '}
                ({mb(progress.bytes)}), manifest SHA-256 <code className="hash">{progress.manifestSha256}</code>
              </>
            )}
            {progress.status === 'failed' && `The pack failed: ${progress.error}`}
          </span>
        </div>
      )}
      {error && (
        <p className="form-message error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
