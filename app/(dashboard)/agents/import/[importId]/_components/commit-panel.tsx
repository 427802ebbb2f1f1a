'use client';
// Commits a previewed import: one transaction on the server, with progress streamed back as NDJSON.
import { useRouter } from 'next/navigation';
import { useState } from 'react';

type Progress = { phase: string; done: number; total: number };

export function CommitPanel({
  workspaceId,
  importId,
  invalidRows,
  blocked,
}: {
  workspaceId: string;
  importId: string;
  invalidRows: number;
  blocked: boolean;
}) {
  const router = useRouter();
  const [skip, setSkip] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = progress !== null && error === null;
  const needsSkip = invalidRows > 0 && !skip;
  const one = invalidRows === 1;
  // A disabled button says why next to it, so nobody clicks an inert button wondering what went wrong.
  const why = blocked
    ? 'The file cannot be imported: fix it and upload it again.'
    : needsSkip
      ? `Tick “Skip the invalid row${one ? '' : 's'}” above to commit without ${one ? 'it' : 'them'}, ` +
        'or fix the file and upload it again.'
      : null;

  async function commit() {
    setError(null);
    setProgress({ phase: 'starting', done: 0, total: 1 });
    try {
      const response = await fetch(
        `/api/agents/imports/${encodeURIComponent(importId)}/commit?ws=${encodeURIComponent(workspaceId)}`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ skipInvalid: skip }),
        },
      );
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => ({}))) as { error?: { message: string } };
        throw new Error(body.error?.message ?? `Commit failed (HTTP ${response.status}).`);
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines.filter(Boolean)) {
          const message = JSON.parse(line) as Progress & { outcome?: unknown; error?: { message: string } };
          if (message.error) throw new Error(message.error.message);
          if (message.outcome) {
            router.refresh();
            return;
          }
          setProgress(message);
        }
      }
      throw new Error('The connection ended before the commit finished. Reload to see whether it was committed.');
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <div className="commit-panel">
      {invalidRows > 0 && !blocked && (
        <label className="check">
          <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} disabled={running} /> Skip
          the {invalidRows.toLocaleString('en')} invalid row{invalidRows === 1 ? '' : 's'} (they are recorded with the
          import)
        </label>
      )}
      <div className="commit-row">
        <button
          className="button button-primary"
          type="button"
          onClick={commit}
          disabled={blocked || running || needsSkip}
          aria-describedby={why ? 'commit-why' : undefined}
        >
          Commit import
        </button>
        {why && (
          <span id="commit-why" className="small muted">
            {why}
          </span>
        )}
      </div>
      {progress && !error && (
        <div className="progress-row">
          <progress max={progress.total || 1} value={progress.done} aria-label="Commit progress" />
          <span className="small muted">
            {progress.phase === 'writing'
              ? `Writing ${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')} agents…`
              : `${progress.phase[0]!.toUpperCase()}${progress.phase.slice(1)}…`}
          </span>
        </div>
      )}
      {error && (
        <p className="form-message error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
