// The download's checksum against a server the simulator does not play: it is asked for the bytes as stored
// (Accept-Encoding: identity), and a file that still comes content-encoded with a checksum is refused, since the
// checksum covers bytes fetch has already decoded; a Content-MD5 that matches is kept.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmp } from '@/lib/evidence/pack.fixture.ts';
import { ChecksumError, downloadLog } from './client.ts';
import { reprDigest } from './definition.ts';

const BODY = '{"event_id":"e1"}\n';
const asked: (string | undefined)[] = [];
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    asked.push(req.headers['accept-encoding']);
    if (req.url!.endsWith('/logs/gz'))
      return res.writeHead(200, { 'content-encoding': 'gzip', 'repr-digest': reprDigest(BODY) }).end(gzipSync(BODY));
    const md5 = createHash('md5').update(BODY).digest('base64');
    res.writeHead(200, { 'content-md5': md5 }).end(BODY);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/compliance`;
});
afterAll(() => server.close());

describe('downloadLog and the checksum', () => {
  const settings = () => ({ baseUrl, principal: 'ws-1', apiKey: 'sk' });
  const retry = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 };

  it('keeps a Content-MD5 that matches, asking for the bytes as stored', async () => {
    const dest = path.join(tmp('md5'), 'f.jsonl');
    const got = await downloadLog(settings(), 'plain', dest, retry);
    expect(got.checksum).toMatchObject({ header: 'content-md5', algorithm: 'md5' });
    expect(got.sha256).toBe(createHash('sha256').update(BODY).digest('hex'));
    expect(readFileSync(dest, 'utf8')).toBe(BODY);
    expect(asked.at(-1)).toBe('identity');
  });

  it('refuses a content-encoded file that carries a checksum', async () => {
    const dest = path.join(tmp('gz'), 'f.jsonl');
    await expect(downloadLog(settings(), 'gz', dest, retry)).rejects.toThrow(ChecksumError);
    await expect(downloadLog(settings(), 'gz', dest, retry)).rejects.toThrow(
      /log gz refused: the file came gzip-encoded/,
    );
  });
});
