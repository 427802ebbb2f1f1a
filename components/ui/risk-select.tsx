// The risk filter of the Findings and Alerts pages (decision 0041): every OWASP agentic / LLM risk and ATLAS
// technique of the catalogues, grouped by catalogue. A server component: the catalogues are read on the server.
import { FRAMEWORK_LABELS } from '@/lib/frameworks/catalogues.ts';
import { RISK_FRAMEWORKS, riskChoices } from '@/lib/frameworks/risk-tags.ts';
import './risk-chips.css';

/** `inline`: the select inside its label (the Alerts filter's layout); else a `.field` with a label beside it. */
export function RiskSelect({ id, value, inline }: { id: string; value: string | undefined; inline?: boolean }) {
  const choices = riskChoices();
  const select = (
    <select id={id} name="risk" defaultValue={value ?? ''} className="risk-select">
      <option value="">Any</option>
      {RISK_FRAMEWORKS.map((framework) => (
        <optgroup key={framework} label={FRAMEWORK_LABELS[framework]}>
          {choices
            .filter((r) => r.framework === framework)
            .map((r) => (
              <option key={r.id} value={r.id}>
                {r.id} {r.title}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
  if (inline)
    return (
      <label htmlFor={id}>
        Risk
        {select}
      </label>
    );
  return (
    <div className="field">
      <label htmlFor={id}>Risk</label>
      {select}
    </div>
  );
}
