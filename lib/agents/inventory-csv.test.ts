import { describe, expect, it } from 'vitest';
import { parseInventory, splitApps } from './inventory-csv.ts';

const HEADER = 'agent_id,agent_name,owner_email,connected_apps';

describe('splitApps', () => {
  it('splits on ; | and , and trims, keeping the first of duplicates', () => {
    expect(splitApps('Gmail;Slack')).toEqual(['Gmail', 'Slack']);
    expect(splitApps('Gmail | Slack|Web Search')).toEqual(['Gmail', 'Slack', 'Web Search']);
    expect(splitApps('Gmail, Slack ,Drive')).toEqual(['Gmail', 'Slack', 'Drive']);
    expect(splitApps(' ; Gmail;;Gmail ; ')).toEqual(['Gmail']);
    expect(splitApps('')).toEqual([]);
  });
});

describe('parseInventory', () => {
  it('tolerates a BOM, CRLF, quotes, blank lines and multi-line fields, with correct line numbers', async () => {
    const csv =
      `\ufeff${HEADER}\r\na1,"Sales, ""EU""",Ann@Example.com,"Gmail, ` +
      `Slack"\r\n\r\na2,"Two\r\nlines",bob@example.com,Drive|Calendar\r\na3,Three,carol@example.com,\r\n`;
    const parsed = await parseInventory(csv);
    expect(parsed.fatal).toBeNull();
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, agentId: 'a1', agentName: 'Sales, "EU"', ownerEmail: 'ann@example.com', apps: ['Gmail', 'Slack'] },
      { line: 4, agentId: 'a2', agentName: 'Two\nlines', ownerEmail: 'bob@example.com', apps: ['Drive', 'Calendar'] },
      { line: 6, agentId: 'a3', agentName: 'Three', ownerEmail: 'carol@example.com', apps: [] },
    ]);
  });

  it('accepts columns in any order and ignores extra columns', async () => {
    const parsed = await parseInventory(
      'connected_apps,owner_email,region,agent_id,agent_name\nSlack,a@b.io,eu,x1,X\n',
    );
    expect(parsed.rows).toEqual([{ line: 2, agentId: 'x1', agentName: 'X', ownerEmail: 'a@b.io', apps: ['Slack'] }]);
  });

  it('reports every invalid row with its line and reason', async () => {
    const csv = [
      HEADER,
      'a1,One,a@b.io,Gmail',
      ',No id,a@b.io,Slack',
      'a1,Again,a@b.io,Slack',
      'a4,Bad,not-an-email,Slack',
      'a5,Empty owner,,Slack',
      'a6,Too,many,fields,here',
    ].join('\n');
    const parsed = await parseInventory(csv);
    expect(parsed.rows.map((r) => r.agentId)).toEqual(['a1']);
    expect(parsed.errors).toEqual([
      { line: 3, agentId: null, reason: 'missing agent_id' },
      { line: 4, agentId: 'a1', reason: 'duplicate agent_id a1 (first on line 2)' },
      { line: 5, agentId: 'a4', reason: 'bad owner_email "not-an-email"' },
      { line: 6, agentId: 'a5', reason: 'missing owner_email' },
      { line: 7, agentId: 'a6', reason: 'expected 4 fields, found 5' },
    ]);
  });

  it('reads an optional status column', async () => {
    const parsed = await parseInventory(
      'agent_id,agent_name,owner_email,connected_apps,status\na,A,a@b.io,Gmail,Published\nb,B,b@b.io,Gmail,Pending ' +
        'review\nc,C,c@b.io,Gmail,\nd,D,d@b.io,Gmail,live\n',
    );
    expect(parsed.rows.map((r) => r.status)).toEqual(['published', 'pending_review', undefined]);
    expect(parsed.errors).toEqual([
      {
        line: 5,
        agentId: 'd',
        reason: 'unknown status "live" (expected draft, pending_review, published, suspended, deleted)',
      },
    ]);
  });

  it('keeps a formula-looking name as data', async () => {
    const parsed = await parseInventory(`${HEADER}\na1,=HYPERLINK("http://x"),a@b.io,Gmail`);
    expect(parsed.rows[0]!.agentName).toBe('=HYPERLINK("http://x")');
  });

  it('fails the whole file on a missing column, an empty file or an unclosed quote', async () => {
    expect((await parseInventory('agent_id,agent_name,connected_apps\n')).fatal).toEqual({
      line: 1,
      reason: expect.stringMatching(/^missing column owner_email/),
    });
    expect((await parseInventory('')).fatal).toEqual({
      line: 1,
      reason: 'the file is empty: a header line is required',
    });
    const unclosed = await parseInventory(
      `${HEADER}\na1,One,a@b.io,Gmail\na2,"Two,a@b.io,Gmail\na3,Three,a@b.io,Gmail\n`,
    );
    expect(unclosed.fatal).toEqual({ line: 3, reason: 'unparseable: a quoted field opened here is never closed' });
  });

  it('reads a stream of chunks split mid-line, mid-CRLF and mid-character', async () => {
    const bytes = Buffer.from(`${HEADER}\r\na1,Café ☕,a@b.io,Gmail\r\na2,Two,a@b.io,Slack\r\n`);
    const cut = [bytes.indexOf('\n'), bytes.indexOf('☕') + 1];
    async function* pieces() {
      yield bytes.subarray(0, cut[0]);
      yield bytes.subarray(cut[0], cut[1]);
      yield bytes.subarray(cut[1]);
    }
    const parsed = await parseInventory(pieces());
    expect(parsed.rows.map((r) => [r.line, r.agentName])).toEqual([
      [2, 'Café ☕'],
      [3, 'Two'],
    ]);
  });

  it('reads a stream of chunks split mid-line', async () => {
    async function* chunks() {
      yield Buffer.from(`${HEADER}\na1,O`);
      yield Buffer.from('ne,a@b.io,Gmail;Sl');
      yield Buffer.from('ack\n');
    }
    expect((await parseInventory(chunks())).rows[0]).toMatchObject({ agentId: 'a1', apps: ['Gmail', 'Slack'] });
  });
});
