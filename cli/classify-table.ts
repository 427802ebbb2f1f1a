// The readable output of `tollgate classify`: one line per agent, then a summary.
import type { InventoryRow } from '@/lib/agents/inventory-csv.ts';
import type { Classification } from '@/lib/trifecta/types.ts';

type Classified = { row: InventoryRow; result: Classification };

export function formatClassifyTable(classified: Classified[], profile: string): string {
  const lines: string[] = [];
  const idWidth = Math.min(40, Math.max(8, ...classified.map((c) => c.row.agentId.length)));
  lines.push(`${'AGENT'.padEnd(idWidth)}  P U S  TRIFECTA  NAME / APPS`);
  for (const { row, result } of classified) {
    const mark = (n: number) => (n > 0 ? '●' : '·');
    const { private_data, untrusted_content, external_send } = result.legs;
    const legs = `${mark(private_data.length)} ${mark(untrusted_content.length)} ${mark(external_send.length)}`;
    const apps = result.apps.map((a) =>
      a.status === 'known' ? a.id : a.status === 'unknown' ? `${a.id} (unknown)` : `${a.id} (unclassified MCP)`,
    );
    lines.push(
      `${row.agentId.padEnd(idWidth)}  ${legs}  ${result.trifecta ? 'YES     ' : '        '}  ` +
        `${oneLine(row.agentName)} — ${apps.join(', ') || 'no apps'}`,
    );
    if (result.trifecta)
      lines.push(
        `${''.padEnd(idWidth)}           ↳ breaks if you remove ` +
          result.breakSets.map((s) => s.join(' + ')).join(', or '),
      );
  }
  const trifecta = classified.filter((c) => c.result.trifecta).length;
  const unknown = [...new Set(classified.flatMap((c) => c.result.unknownApps))].sort();
  lines.push('');
  lines.push(`${classified.length} agent(s), ${trifecta} trifecta (profile: ${profile}).`);
  if (unknown.length) lines.push(`Unknown apps, counted for no leg until classified: ${unknown.join(', ')}.`);
  lines.push('Legs: P private data · U untrusted content · S external send.');
  return `${lines.join('\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
