'use client';
// The request form: the server action creates the request (fields and https links, all-or-nothing), then
// each chosen file is uploaded to the attachment route (a multipart form), and the new exception opens.
import { useRouter } from 'next/navigation';
import { startTransition, useActionState, useEffect, useRef, useState } from 'react';
import { postForm } from '@/components/ui/use-evidence-form.ts';
import { requestExceptionAction } from '@/lib/exceptions/actions.ts';

type Finding = { key: string; control: string; subjectLabel: string; message: string };
type Props = {
  workspaceId: string;
  findings: Finding[];
  preselected: string[];
  agents: { id: string; externalId: string; name: string }[];
  preAgent?: string;
  preGate?: { agent: string; categories: string };
  apps: { id: string; name: string }[];
  minDay: string;
  maxDay: string;
  maxBytes: number;
};

const BITS = [
  'use_agents',
  'build_agents',
  'publish_agents',
  'publish_agents_with_shared_connections',
  'enable_slack_bot',
];

export function RequestForm(p: Props) {
  const router = useRouter();
  const [state, action, pending] = useActionState(requestExceptionAction, null);
  const [kind, setKind] = useState(p.preGate ? 'approval_gate' : p.preAgent ? 'trifecta' : 'role_bit');
  const [uploadError, setUploadError] = useState<string | null>(null);
  const files = useRef<HTMLInputElement>(null);
  const chosen = useRef<File[]>([]);

  useEffect(() => {
    const id = state?.ok ? state.data?.id : undefined;
    if (!id) return;
    void (async () => {
      for (const file of chosen.current) {
        const data = new FormData();
        data.set('file', file);
        const result = await postForm(
          `/api/exceptions/${encodeURIComponent(id)}/attachments?ws=${encodeURIComponent(p.workspaceId)}`,
          data,
        );
        if (!result?.ok) {
          setUploadError(
            `The request was saved, but ${file.name} was not attached: ${result?.message ?? 'the upload failed'}. ` +
              'Add it on the exception’s page.',
          );
          return;
        }
      }
      router.push(`/exceptions/${id}`);
    })();
  }, [state, p.workspaceId, router]);

  // onSubmit rather than <form action>: a refused request keeps what was typed (React resets a form after its action).
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const picked = [...(files.current?.files ?? [])];
    const big = picked.find((f) => f.size > p.maxBytes);
    if (big) return setUploadError(`${big.name} is larger than ${p.maxBytes / 1024 / 1024} MB.`);
    setUploadError(null);
    chosen.current = picked;
    formData.delete('files');
    startTransition(() => action(formData));
  }

  return (
    <form onSubmit={submit} className="panel exc-form" aria-label="Request an exception" aria-busy={pending}>
      <input type="hidden" name="workspaceId" value={p.workspaceId} />
      <label className="wide">
        Title
        <input type="text" name="title" required minLength={3} maxLength={200} />
      </label>
      <label className="wide">
        Business case
        <textarea
          name="businessCase"
          rows={5}
          required
          minLength={10}
          maxLength={10000}
          placeholder="Why the departure is needed, what compensating controls exist, who is affected."
        />
      </label>

      <fieldset className="wide">
        <legend>Scope</legend>
        <label>
          Kind
          <select name="scopeKind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="role_bit">A role bit for named people</option>
            <option value="action_control">An app’s action control</option>
            <option value="trifecta">An agent’s lethal trifecta</option>
            <option value="approval_gate">A missing approval gate on an agent</option>
            <option value="control_na">A guide control that does not apply</option>
            <option value="findings">Only the findings ticked below (e.g. a GPT beyond the GPT policy)</option>
          </select>
        </label>
        {kind === 'role_bit' && (
          <>
            <label>
              Permission
              <select name="bit" defaultValue="publish_agents_with_shared_connections">
                {BITS.map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </select>
            </label>
            <label>
              People (e-mail addresses, one a line)
              <textarea name="people" rows={3} required />
            </label>
          </>
        )}
        {kind === 'action_control' && (
          <>
            <label>
              App
              <select name="appId" required>
                {p.apps.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.id})
                  </option>
                ))}
              </select>
            </label>
            <label>
              Action control accepted
              <select name="mode" defaultValue="allow_all">
                <option value="allow_all">allow_all</option>
                <option value="custom">custom</option>
                <option value="read_only">read_only</option>
              </select>
            </label>
          </>
        )}
        {kind === 'trifecta' &&
          (p.agents.length === 0 ? (
            <p className="muted small">No agent of this workspace holds an unmitigated trifecta.</p>
          ) : (
            <label>
              Agent (pinned to its current configuration: a change of connectors lapses the exception)
              <select
                name="agentId"
                required
                defaultValue={p.agents.find((a) => a.externalId === p.preAgent || a.id === p.preAgent)?.id}
              >
                {p.agents.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.externalId})
                  </option>
                ))}
              </select>
            </label>
          ))}
        {kind === 'control_na' && (
          <label>
            Control (as the guide numbers it, e.g. 2.3)
            <input type="text" name="controlId" required maxLength={10} pattern="\d+\.\d+" />
          </label>
        )}
        {kind === 'approval_gate' && (
          <>
            <label>
              Agent id (pinned to its current configuration: a change lapses the exception)
              <input type="text" name="agentId" required maxLength={200} defaultValue={p.preGate?.agent} />
            </label>
            <label>
              Approval categories the agent may leave without a human gate (one a line)
              <textarea
                name="categories"
                rows={3}
                required
                defaultValue={p.preGate?.categories.split(',').join('\n')}
              />
            </label>
          </>
        )}
      </fieldset>

      <fieldset className="wide">
        <legend>Findings covered</legend>
        {p.findings.length === 0 ? (
          <p className="muted small">This workspace has no open finding.</p>
        ) : (
          <div className="finding-choices">
            {p.findings.map((f) => (
              <label key={f.key} className="check">
                <input
                  type="checkbox"
                  name="findingKeys"
                  value={f.key}
                  defaultChecked={p.preselected.includes(f.key)}
                />
                <span>
                  <strong>{f.control}</strong> {f.subjectLabel}: {f.message} <code className="small">{f.key}</code>
                </span>
              </label>
            ))}
          </div>
        )}
      </fieldset>

      <label>
        CAB ticket
        <input type="text" name="cabTicket" maxLength={100} placeholder="CHG-1042" />
      </label>
      <label>
        Proposed review date (UTC, at most 90 days after approval)
        <input type="date" name="reviewAt" required min={p.minDay} max={p.maxDay} />
      </label>
      <label className="wide">
        Links to evidence (https only, one a line)
        <textarea name="links" rows={2} placeholder="https://" />
      </label>
      <label className="wide">
        Files (each at most {p.maxBytes / 1024 / 1024} MB; served only as downloads)
        <input ref={files} type="file" name="files" multiple />
      </label>

      <div className="wide">
        <button className="button button-primary" type="submit" disabled={pending}>
          Request exception
        </button>
        {state && !state.ok && (
          <p className="form-message error" role="alert">
            {state.message}
          </p>
        )}
        {state?.ok && !uploadError && (
          <p className="form-message ok" role="status">
            {state.message}
          </p>
        )}
        {uploadError && (
          <p className="form-message error" role="alert">
            {uploadError}
          </p>
        )}
      </div>
    </form>
  );
}
