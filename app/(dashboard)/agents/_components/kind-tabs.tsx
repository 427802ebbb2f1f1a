// Both fleets at a glance: how many workspace agents and custom GPTs the inventory holds, each a link to the
// current view narrowed to that kind (the other filters stay).
import Link from 'next/link';
import { kindLabel } from '@/components/agents/legs.tsx';
import { AGENT_KINDS, type AgentFilter, type AgentKind, filterQuery } from '@/lib/agents/filter.ts';

export function KindTabs({ filter, counts }: { filter: AgentFilter; counts: Record<AgentKind, number> }) {
  const all = counts.workspace_agent + counts.custom_gpt;
  const tabs: { kind: AgentKind | undefined; label: string; count: number }[] = [
    { kind: undefined, label: 'All', count: all },
    ...AGENT_KINDS.map((k) => ({ kind: k, label: `${kindLabel(k)}s`, count: counts[k] })),
  ];
  return (
    <nav className="subnav" aria-label="Agent kinds">
      {tabs.map((t) => (
        <Link
          key={t.label}
          href={`/agents${filterQuery(filter, { kind: t.kind })}`}
          aria-current={filter.kind === t.kind ? 'page' : undefined}
        >
          {t.label} <span className="badge">{t.count.toLocaleString('en')}</span>
        </Link>
      ))}
    </nav>
  );
}
