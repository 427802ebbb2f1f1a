// The fast --json path gives byte for byte what the full parser and classifier give (parseInventory +
// exposeInventory + createJsonRowWriter, the path `tollgate classify --json` took before), and hands every file it
// cannot treat alike back to them (null) — never a different answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '@/lib/agents/inventory-csv.ts';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { createJsonRowWriter, exposeInventory } from '@/lib/trifecta/classify-inventory.ts';
import { generateAgents, toCsv } from '@/bench/generate.ts';
import { classifyJson } from './classify-json.ts';

const resolveApp = createAppResolver(builtinCatalogue('guide'));

/** What the full path prints and exits with; null when it reports a problem instead. */
async function reference(csv: string) {
  const parsed = await parseInventory(Buffer.from(csv));
  if (parsed.fatal || parsed.errors.length) return null;
  const exposed = exposeInventory(parsed.rows, resolveApp);
  return {
    text: `[\n${exposed.map(createJsonRowWriter()).join(',\n')}\n]\n`,
    trifecta: exposed.some((c) => c.result.trifecta),
    unknown: exposed.some((c) => c.result.unknownApps.length > 0),
  };
}

function fast(csv: string) {
  const result = classifyJson(Buffer.from(csv), resolveApp);
  return result && { text: [...result.pieces].join(''), trifecta: result.trifecta, unknown: result.unknown };
}

describe('tollgate classify --json, fast path', () => {
  it('prints a generated export exactly as the full path, in agent id order even when the file is not', async () => {
    const agents = generateAgents(5_000, 11);
    // Out of order as a real export may be: the last third first.
    const csv = toCsv([...agents.slice(3_000), ...agents.slice(0, 3_000)]);
    const got = fast(csv);
    expect(got).not.toBeNull();
    expect(got).toEqual(await reference(csv));
    expect(got!.text.length).toBeGreaterThan(1 << 20); // more than one piece
    expect(got!.trifecta).toBe(true);
  });

  it('gives the full path’s answer or hands the file back, whatever the cells hold', async () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'B', ' ', '\t', 'é', '☕', '\\', '"', ',', ';', '|', '\u00a0', 'Gmail', 'Slack'),
      maxLength: 12,
    });
    // Mostly what an export holds, sometimes what the full parser must report or unquote.
    const usual = <T>(common: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 6, arbitrary: common }, { weight: 1, arbitrary: odd });
    const id = usual(fc.stringMatching(/^[a-z0-9-]{1,6}$/), cell);
    const text = usual(fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\t', 'é', '☕', '\\', '\u00a0') }), cell);
    const email = usual(
      fc.constantFrom('ann@acme.example', ' Bob@Acme.Example ', 'é@acme.example', 'a\\b@c.de'),
      fc.constantFrom('x', '', 'a@b'),
    );
    const status = usual(fc.constantFrom('', 'published', ' Pending-Review ', 'draft'), fc.constant('bogus'));
    const apps = fc.constantFrom(
      'Gmail;Slack',
      'Web Search|Google Drive',
      ' mcp:crm ; Zapier',
      '',
      'GitHub',
      'a, b',
      'Gmail;gmail; Gmail',
      'Slack|Slack;;Web Search',
      'Zapier;zapier;Frob',
    );
    const row = fc.record({
      agent_id: id,
      agent_name: text,
      owner_email: email,
      connected_apps: apps,
      status,
      extra: text,
    });
    let taken = 0;
    const layout = fc.constantFrom(
      ['agent_id', 'agent_name', 'owner_email', 'connected_apps'],
      ['connected_apps', 'Owner_Email ', 'status', 'agent_id', 'agent_name'],
      ['agent_name', 'extra', 'agent_id', 'owner_email', 'connected_apps'],
    );
    await fc.assert(
      fc.asyncProperty(
        layout,
        fc.array(row, { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        async (columns, rows, eol, bom) => {
          const line = (r: Record<string, string>) => columns.map((c) => r[c.trim().toLowerCase()]).join(',');
          const csv = `${bom ? '\ufeff' : ''}${columns.join(',')}${eol}${rows.map(line).join(eol)}${eol}`;
          const got = fast(csv);
          if (got !== null) expect(got).toEqual(await reference(csv));
          if (got !== null && rows.length > 0) taken++;
        },
      ),
      { numRuns: 300 },
    );
    // Not vacuous: the fast path took a good share of the files with rows.
    expect(taken).toBeGreaterThan(20);
  });

  it('takes ordinary exports: status and extra columns, blank lines, CRLF, names to escape', async () => {
    const csv =
      '\ufeffAgent_ID , agent_name,owner_email,connected_apps,status,notes\r\n\r\n' +
      'agt-2,Café \\ bot,Ann@Acme.Example,Gmail;Slack;Web Search,Published,x\r\n' +
      'agt-1,Plain,bob@acme.example,,draft,\r\n';
    const got = fast(csv);
    expect(got).not.toBeNull();
    expect(got).toEqual(await reference(csv));
    expect(got!.text).toContain('"agent_name":"Café \\\\ bot","owner_email":"ann@acme.example"');
  });

  it('hands back what the full parser must report or quote-parse', () => {
    const header = 'agent_id,agent_name,owner_email,connected_apps\n';
    for (const body of [
      'a,b,c@d.ef,Gmail\na,b,c@d.ef,Slack\n', // duplicate id
      'a,b,not-an-email,Gmail\n',
      'a,b,c@d.ef\n', // too few fields
      'a,"quoted, name",c@d.ef,Gmail\n',
      ',b,c@d.ef,Gmail\n',
      'a,b,c@d.ef,Gm\u0000ail\n',
    ])
      expect(fast(header + body)).toBeNull();
    expect(fast('agent_id,agent_name\n')).toBeNull();
    expect(classifyJson(Buffer.from([0x61, 0xff, 0x0a]), resolveApp)).toBeNull();
  });
});
