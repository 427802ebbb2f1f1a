// Saved GPT pages for the e2e specs: a GPT object as the Compliance API gives it (with its latest configuration),
// uploaded on Sources the way an admin of an air-gapped install would.
import { expect, type Page } from '@playwright/test';
import { CONFIG_OBJECT, GPT_OBJECT } from '@/lib/gpts/platform/definition.ts';

type Tool = { type: string; action?: { domain: string; auth: { type: string }; openapi_schema: string } };

/** A GPT at configuration `rev` (its config id ends in `-rev`), private unless told, owned by tom. */
export function rawGpt(id: string, name: string, rev: number, tools: Tool[], visibility = 'private') {
  const at = Math.floor(Date.now() / 1000) - 86_400 * (10 - rev);
  const config = {
    id: `gcfg-${id}-${rev}`,
    object: CONFIG_OBJECT,
    created_at: at,
    name,
    description: `${name} for the e2e run`,
    instructions: 'Help.',
    tools,
    files: [],
  };
  return {
    id,
    object: GPT_OBJECT,
    created_at: at - 86_400 * rev,
    updated_at: at,
    owner_id: 'user-tom',
    owner_email: 'tom.becker@acme.example',
    sharing: { visibility, recipients: [] },
    latest_config: config,
  };
}

/** Uploads one JSONL file of GPT objects on Sources and waits for the answer. */
export async function uploadGpts(page: Page, file: string, gpts: object[]) {
  await page.goto('/alerts/sources');
  const form = page.getByRole('form', { name: 'Upload saved GPT files' });
  await form.getByLabel(/GPT files saved from the Compliance API/).setInputFiles({
    name: file,
    mimeType: 'application/json',
    buffer: Buffer.from(gpts.map((g) => JSON.stringify(g)).join('\n')),
  });
  await form.getByRole('button', { name: 'Upload and store GPTs' }).click();
  await expect(form.getByRole('status')).toContainText(`${gpts.length} GPT${gpts.length === 1 ? '' : 's'} read`);
}
