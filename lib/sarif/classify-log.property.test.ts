// The SARIF log under random exports: whatever the names, apps, quoting and line ends, the text is valid SARIF
// 2.1.0 (the OASIS schema in data/schemas), has exactly one result per trifecta agent, unknown app and unclassified
// MCP server, each at the line its agent's record starts on, and is the same for the same input.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '@/lib/agents/inventory-csv.ts';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { classifyInventory } from '@/lib/trifecta/classify-inventory.ts';
import { classifySarifText, FINGERPRINT_KEY } from './classify-log.ts';
import type { SarifLog } from './types.ts';
import { artifactLocation } from './uri.ts';

const schema = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../data/schemas/sarif-2.1.0.json'), 'utf8'),
);
const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);
const resolveApp = createAppResolver(builtinCatalogue('guide'));

const app = fc.constantFrom(
  'Gmail',
  'Google Drive',
  'Slack',
  'Web Search',
  'GitHub',
  'Zapier',
  'Frob nicator',
  'mcp:crm',
);
const name = fc.string({ unit: fc.constantFrom('a', 'é', '"', ',', ' ', '\n', '\r\n', '☕', '\\', '<', '\t') });
const agent = fc.record({ name, apps: fc.uniqueArray(app, { maxLength: 4 }) });
const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;

async function sarifOf(csv: string): Promise<{ text: string; lines: Map<string, number> }> {
  const parsed = await parseInventory(csv);
  expect(parsed.fatal ?? parsed.errors).toEqual([]);
  const classified = classifyInventory(parsed.rows, resolveApp);
  const input = {
    classified,
    artifact: { location: artifactLocation('agents.csv', '/repo'), bytes: Buffer.from(csv) },
    toolVersion: '1.2.3',
    catalogueProfile: 'guide',
  };
  const text = [...classifySarifText(input)].join('');
  expect([...classifySarifText(input)].join('')).toBe(text);
  return { text, lines: new Map(parsed.rows.map((r) => [r.agentId, r.line])) };
}

describe('the SARIF log of an agent export', () => {
  it('is valid SARIF with one result per finding, at the line each agent starts on', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(agent, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), async (agents, eol) => {
        const csv =
          `agent_id,agent_name,owner_email,connected_apps${eol}` +
          agents.map((a, i) => `agt_${i},${quote(a.name)},o${i}@x.io,${quote(a.apps.join(','))}${eol}`).join('');
        const { text, lines } = await sarifOf(csv);
        const log: SarifLog = JSON.parse(text);
        expect(validate(log) ? [] : validate.errors).toEqual([]);
        const results = log.runs[0]!.results;
        const expected = agents.flatMap((a, i) => {
          const resolved = a.apps.map(resolveApp);
          const legs = new Set(resolved.flatMap((r) => r.legs));
          return [
            ...(legs.size === 3 ? [`agt_${i} lethal-trifecta`] : []),
            ...resolved.filter((r) => r.status === 'unknown').map(() => `agt_${i} unknown-app`),
            ...resolved.filter((r) => r.status === 'mcp_unclassified').map(() => `agt_${i} unclassified-mcp-server`),
          ];
        });
        expect(results.map((r) => `${r.properties!.agentId} ${r.ruleId}`).sort()).toEqual(expected.sort());
        for (const r of results)
          expect(r.locations[0]!.physicalLocation.region.startLine).toBe(lines.get(r.properties!.agentId as string));
        expect(new Set(results.map((r) => r.partialFingerprints[FINGERPRINT_KEY])).size).toBe(results.length);
      }),
      { numRuns: 60 },
    );
  });

  it('names any file under the directory it ran in as a relative URI that reads back as the path', () => {
    const segment = fc.string({
      unit: fc.constantFrom('a', ' ', '#', '%', '?', ':', 'é', '[', '@', '+'),
      minLength: 1,
    });
    const isUriReference = ajv.compile({ type: 'string', format: 'uri-reference' });
    fc.assert(
      fc.property(
        fc.array(
          segment.filter((s) => s !== '.' && s !== '..'),
          { minLength: 1, maxLength: 3 },
        ),
        (parts) => {
          const location = artifactLocation(parts.join('/'), '/repo');
          expect(location.uriBaseId).toBe('%SRCROOT%');
          expect(isUriReference(location.uri)).toBe(true);
          // Resolved against the base it stays under it, whole: no '#', '?' or 'x:' in a name cuts or re-roots it.
          const resolved = new URL(location.uri, 'file:///repo/');
          expect([resolved.search, resolved.hash, resolved.pathname.split('/').length]).toEqual([
            '',
            '',
            parts.length + 2,
          ]);
          expect(location.uri.split('/').map(decodeURIComponent)).toEqual(parts);
        },
      ),
    );
  });
});
