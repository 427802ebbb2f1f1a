// The migration that made webhooks first-class keeps an existing alert webhook working: a database at the schema
// before it, with a configured alert webhook (URL sealed as it was) and a delivery, is migrated; the webhook is now
// a Slack subscription that still opens its URL and sends new alerts, and the old delivery is still readable.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '@/test/db.ts';
import { queueDeliveries } from '@/lib/alerts/notify.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { MIGRATIONS_DIR, migrate } from '@/lib/db/migrate.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { deliverDue } from './deliver.ts';
import { alertDelivery } from './queries.ts';

const MIGRATION = '20261206162223_webhook_subscriptions';
const KEY = 'install-key';
let db: Db;
let server: http.Server;
const texts: string[] = [];

beforeAll(async () => {
  process.env.TOLLGATE_WEBHOOK_ALLOW_PRIVATE = '1'; // the local receiver below
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      texts.push((JSON.parse(body) as { text: string }).text);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T0/B0/secretpath`;

  // The migrations before this one only.
  const before = mkdtempSync(path.join(os.tmpdir(), 'mig-before-'));
  for (const name of readdirSync(MIGRATIONS_DIR))
    if (name < MIGRATION) cpSync(path.join(MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
  const url = await createEmptyDatabase('whmig');
  await migrate(url, { dir: before });
  rmSync(before, { recursive: true, force: true });

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`INSERT INTO "Workspace" (id, name) VALUES ('ws-old', 'Old')`);
  await client.query(
    `INSERT INTO "AlertWebhook" ("workspaceId", "urlCiphertext", "urlHost", "minSeverity", enabled, "updatedBy")
     VALUES ('ws-old', $1, $2, 'high', true, 'admin@acme.example')`,
    [seal(KEY, 'alert-webhook-url', hookUrl), new URL(hookUrl).host],
  );
  await client.query(
    `INSERT INTO "Alert" (id, "workspaceId", key, "ruleId", title, severity, "eventIds", message, at)
     VALUES ('al-old', 'ws-old', 'k-old', 'r', 'Old alert', 'critical', '{}', 'It happened.', now())`,
  );
  await client.query(
    `INSERT INTO "AlertDelivery" ("workspaceId", "alertId", status, attempts, "lastError", "nextAttemptAt")
     VALUES ('ws-old', 'al-old', 'failed', 8, 'HTTP 500', now())`,
  );
  await client.end();
  await migrate(url);
  db = createDb(url);
});
afterAll(async () => {
  server.close();
  await db?.$disconnect();
});

describe('the webhook migration', () => {
  it('turns the alert webhook into a Slack subscription that still sends, and keeps its delivery history', async () => {
    const sub = await db.webhookSubscription.findFirstOrThrow({ where: { workspaceId: 'ws-old' } });
    expect(sub).toMatchObject({
      format: 'slack',
      eventTypes: ['alert.raised', 'exception.expiring'],
      minSeverity: 'high',
      enabled: true,
      secretCiphertext: null,
      updatedBy: 'admin@acme.example',
    });
    expect(await alertDelivery(db, 'al-old')).toMatchObject({ status: 'failed', attempts: 8, lastError: 'HTTP 500' });

    const now = new Date();
    await db.alert.create({
      data: {
        id: 'al-new',
        workspaceId: 'ws-old',
        key: 'k-new',
        ruleId: 'r',
        title: 'New alert',
        severity: 'high',
        eventIds: [],
        message: 'Again.',
        at: now,
      },
    });
    expect(
      await db.$transaction((tx) => queueDeliveries(tx, 'ws-old', [{ key: 'k-new', severity: 'high' }], now)),
    ).toBe(1);
    expect(await deliverDue(db, KEY, { now: () => now })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(texts).toEqual(['[HIGH] New alert: Again.']);
  });
});
