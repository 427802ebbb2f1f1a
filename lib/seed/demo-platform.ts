// The demo's Compliance API: the simulated platform (lib/platform-sim) serving the demo's forty GPTs, in-process on
// a loopback port, for as long as `npm start` runs. Its GPTs are served as they stood at the platform's clock:
// a configuration version appears only once its date has passed, so the seed's dated reads store the history as
// it happened and the live scheduled read finds what the seed left. The key is derived from the install's secret
// key, so a restart serves the same key the seed stored (sealed, like a real one) without reading it back. It
// carries out the acting routes too (issue 18) with its own act key, for any agent Tollgate lists, and serves the
// log events of what it did, so the demo's act → answer → logs → confirmation loop runs on a laptop.
import { createHmac } from 'node:crypto';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { startPlatformSim } from '@/lib/platform-sim/server.ts';
import type { GptSource, Json } from '@/lib/platform-sim/source.ts';

export type DemoPlatform = {
  /** The base URL a Compliance API source stores (loopback http). */
  url: string;
  apiKey: string;
  /** The act key (delete/act scope) the demo's source stores beside the read key. */
  actKey: string;
  /** Moves the platform's clock (the seed walks it through the demo's history); real time when never set. */
  setClock(at: Date | null): void;
  requests: Record<string, number>;
  close(): Promise<void>;
};

/** Whether a stored base URL is this simulator's (a loopback URL on the simulator's path), not a real tenant's. */
export function isDemoPlatformUrl(baseUrl: string): boolean {
  const url = URL.canParse(baseUrl) ? new URL(baseUrl) : null;
  return url?.protocol === 'http:' && url.hostname === '127.0.0.1' && url.pathname === '/v1/compliance';
}

const derived = (secretKey: string, label: string) =>
  createHmac('sha256', secretKey).update(label).digest('hex').slice(0, 32);

export function demoApiKey(secretKey: string): string {
  return `sk-demo-${derived(secretKey, 'tollgate demo compliance key')}`;
}

export function demoActKey(secretKey: string): string {
  return `sk-demo-act-${derived(secretKey, 'tollgate demo act key')}`;
}

/** `anchor`: the day the demo's GPTs are dated from (demoGpts), the seed's `now` — the same on every restart. */
export async function startDemoPlatform(options: {
  principal: string;
  secretKey: string;
  anchor: Date;
}): Promise<DemoPlatform> {
  let clock: number | null = null;
  const source = sourceAsOf(demoGpts(options.anchor), () => clock ?? Date.now());
  const apiKey = demoApiKey(options.secretKey);
  const actKey = demoActKey(options.secretKey);
  const sim = await startPlatformSim({ principal: options.principal, source, apiKey, actKey, anyAgent: true });
  return {
    url: sim.url,
    apiKey,
    actKey,
    setClock: (at) => {
      clock = at?.getTime() ?? null;
    },
    requests: sim.requests,
    close: sim.close,
  };
}

type DemoGpt = ReturnType<typeof demoGpts>[number];
const createdMs = (o: Json) => Number(o.created_at) * 1000;

/** The GPTs created by `clock()`, each with the versions made by then; the newest of those is its latest. */
export function sourceAsOf(all: DemoGpt[], clock: () => number): GptSource {
  const cache = new Map<number, DemoGpt[]>();
  const at = (): DemoGpt[] => {
    const now = clock();
    let list = cache.get(now);
    if (!list) {
      list = all.flatMap((d) => {
        const configs = d.configs.filter((c) => createdMs(c) <= now);
        if (createdMs(d.gpt) > now || configs.length === 0) return [];
        const latest = configs[0]!;
        return [{ ...d, configs, gpt: { ...d.gpt, updated_at: latest.created_at, latest_config: latest } }];
      });
      cache.clear();
      cache.set(now, list);
    }
    return list;
  };
  return {
    get count() {
      return at().length;
    },
    idAt: (i) => String(at()[i]!.gpt.id),
    indexOf: (id) => at().findIndex((d) => d.gpt.id === id),
    gpt: (i) => at()[i]!.gpt,
    configs: (i) => at()[i]!.configs,
    sharedUsers: (i) => at()[i]!.sharedUsers,
  };
}
