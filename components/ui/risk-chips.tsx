// Risk chips (decision 0041): the OWASP agentic / LLM risks and ATLAS techniques a finding or an alert names, each
// a link to the list filtered by it. Plain markup, usable from server and client components alike.
import Link from 'next/link';
import type { RiskTag } from '@/lib/frameworks/risk-tags.ts';
import './risk-chips.css';

const SOURCE: Record<RiskTag['framework'], string> = {
  owasp_agentic: 'OWASP Top 10 for Agentic Applications',
  owasp_llm: 'OWASP Top 10 for LLM Applications',
  mitre_atlas: 'MITRE ATLAS',
};

/** `list`: the page the chips filter (`/findings` or `/alerts`). */
export function RiskChips({ risks, list }: { risks: readonly RiskTag[]; list: '/findings' | '/alerts' }) {
  if (risks.length === 0) return null;
  return (
    <ul className="risk-chips" aria-label="Risks">
      {risks.map((r) => (
        <li key={r.id}>
          <Link
            className={`risk-chip risk-chip-${r.framework}`}
            href={`${list}?risk=${encodeURIComponent(r.id)}`}
            title={`${SOURCE[r.framework]}: ${r.title}`}
          >
            {r.id}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** For CSV cells: `ASI02 ASI03 LLM06`. */
export const riskText = (risks: readonly RiskTag[]) => risks.map((r) => r.id).join(' ');
