// New agents of the demo workspace, created through the Compliance Logs upload (AGENT_CREATED events), so a
// spec owns its agents and never changes the ones other specs read.
import { expect, type Page } from '@playwright/test';

const PRINCIPAL = '3f0e7c2a-91d4-4b6e-8a57-0c2d9e4b1a66'; // the demo workspace's Compliance API principal

export type NewAgent = { id: string; name: string; connectors: object[] };

export async function uploadAgents(page: Page, run: string, agents: NewAgent[]) {
  const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString().replace('Z', '000Z');
  const lines = agents.map((a, i) =>
    JSON.stringify({
      event_id: `${run}-${i + 1}`,
      type: 'CUSTOM_AGENTS_LOG',
      timestamp: ago(agents.length + 1 - i),
      principal: { id: PRINCIPAL, type: 'CHATGPT_WORKSPACE' },
      actor: { type: 'ACCOUNT_USER', user_id: 'u-lena', user_email: 'lena.berg@acme.example' },
      event_type: 'AGENT_CREATED',
      event_details: {
        agent_id: a.id,
        version_id: 'v1',
        agent_fields: { name: a.name, tools: { connectors: a.connectors } },
      },
    }),
  );
  await page.goto('/alerts/sources');
  await page.getByLabel(/^Compliance Logs files \(/).setInputFiles({
    name: `${run}.jsonl`,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(lines.join('\n')),
  });
  await page.getByRole('button', { name: 'Upload and store', exact: true }).click();
  await expect(page.getByText(`${agents.length} lines · ${agents.length} new events · 0 already stored`)).toBeVisible();
}
