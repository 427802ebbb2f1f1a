'use client';
// Edit the GPT policy (admins). Lists are one entry a line; the server normalises domains (case, IDN, a
// trailing dot, `*.`) and refuses anything that is not a domain name or a GPT id.
import { ActionForm } from '@/components/ui/action-form.tsx';
import { saveGptPolicyAction } from '@/lib/gpts/policy-actions.ts';

type Props = {
  workspaceId: string;
  allowedActionDomains: string[];
  maxVisibility: string;
  thirdPartyGpts: string;
  approvedThirdPartyGpts: string[];
  publicApiDomains: string[];
  visibilities: { value: string; label: string }[];
  thirdPartyModes: { value: string; label: string }[];
};

export function GptPolicyEditor(p: Props) {
  const rows = (xs: string[]) => Math.max(3, Math.min(12, xs.length + 1));
  return (
    <ActionForm action={saveGptPolicyAction} className="editor-form" label="GPT policy">
      <input type="hidden" name="workspaceId" value={p.workspaceId} />
      <label className="wide">
        Allowed action domains (one per line; a domain allows its subdomains)
        <textarea
          name="allowedActionDomains"
          rows={rows(p.allowedActionDomains)}
          maxLength={100000}
          defaultValue={p.allowedActionDomains.join('\n')}
          placeholder="e.g. api.acme.example"
        />
      </label>
      <label>
        Broadest sharing allowed
        <select name="maxVisibility" defaultValue={p.maxVisibility}>
          {p.visibilities.map((v) => (
            <option key={v.value} value={v.value}>
              {v.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Third-party GPTs
        <select name="thirdPartyGpts" defaultValue={p.thirdPartyGpts}>
          {p.thirdPartyModes.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      <label className="wide">
        Approved third-party GPTs (GPT ids, one per line; used when only approved ones are allowed)
        <textarea
          name="approvedThirdPartyGpts"
          rows={rows(p.approvedThirdPartyGpts)}
          maxLength={100000}
          defaultValue={p.approvedThirdPartyGpts.join('\n')}
          placeholder="e.g. g-abc123"
        />
      </label>
      <label className="wide">
        Public API domains (an action may call these without signing in)
        <textarea
          name="publicApiDomains"
          rows={rows(p.publicApiDomains)}
          maxLength={100000}
          defaultValue={p.publicApiDomains.join('\n')}
        />
      </label>
      <label className="wide">
        Why this change (kept with the version)
        <input type="text" name="note" maxLength={2000} />
      </label>
      <button type="submit" className="button">
        Save a new version
      </button>
    </ActionForm>
  );
}
