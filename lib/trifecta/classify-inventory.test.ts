import { describe, expect, it } from 'vitest';
import { parseInventory } from '@/lib/agents/inventory-csv.ts';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { classifyInventory, exposeInventory } from './classify-inventory.ts';

const csv = [
  'agent_id,agent_name,owner_email,connected_apps',
  'c,C,c@x.io,Slack;Google Drive;Zapier',
  'a,A,a@x.io,google_drive;slack;Zapier',
  'b,B,b@x.io,Drive;Slack;zapier',
].join('\n');

describe('classifying an inventory once per app set', () => {
  it('gives rows with the same apps in any order or spelling one exposure; unknown names kept as written', async () => {
    const { rows } = await parseInventory(csv);
    const exposed = exposeInventory(rows, createAppResolver(builtinCatalogue('guide')));
    expect(exposed.map((e) => e.row.agentId)).toEqual(['a', 'b', 'c']);
    expect(exposed[0]!.result).toBe(exposed[2]!.result);
    expect(exposed[0]!.result.legs).toEqual({
      private_data: ['google-drive'],
      untrusted_content: ['slack'],
      external_send: ['slack'],
    });
    expect(exposed[1]!.result.unknownApps).toEqual(['zapier']);
    expect(exposed[2]!.result.unknownApps).toEqual(['Zapier']);
  });

  it('keeps each row’s own app order in the full classification', async () => {
    const { rows } = await parseInventory(csv);
    const full = classifyInventory(rows, createAppResolver(builtinCatalogue('guide')));
    expect(full.map((c) => c.result.apps.map((a) => a.id))).toEqual([
      ['google-drive', 'slack', 'Zapier'],
      ['google-drive', 'slack', 'zapier'],
      ['slack', 'google-drive', 'Zapier'],
    ]);
  });
});
