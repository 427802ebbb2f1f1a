// A full read of a workspace's GPTs: the list, then — only for the GPTs the caller says changed since its last
// read — their configuration versions and shared users, a few GPTs at a time. One GPT's failure (a malformed
// object, a malformed version) is a problem on that GPT and never stops the others; a failure of the list
// itself (5xx after every retry, a page that is not a list) ends the read with an ApiError.
import { type ApiSettings, ApiError } from '@/lib/logs/puller/client.ts';
import { type ListOptions, listConfigs, listGptPages, listSharedUsers } from './client.ts';
import type { RawConfig, RawGpt, RawSharedUser } from './definition.ts';
import type { ObjectProblem } from './parse.ts';

/** `configs`/`sharedUsers` are null when the details were not read: not asked for, or failed (see `problems`). */
export type GptRead = {
  gpt: RawGpt;
  configs: RawConfig[] | null;
  sharedUsers: RawSharedUser[] | null;
  problems: ObjectProblem[];
};
/** `unchanged`: ids of listed GPTs the caller holds as they are (ListOptions.unchanged), neither checked nor read. */
export type PageRead = { gpts: GptRead[]; problems: ObjectProblem[]; unchanged: string[] };

export type ReadAllOptions = ListOptions & {
  /** Whether to read this GPT's versions and shared users; all GPTs when absent. */
  needsDetail?: (gpt: RawGpt) => boolean;
  /** GPTs whose details are read at once (the platform limits requests per route, not connections). */
  concurrency?: number;
};

/** The workspace's GPTs a list page at a time, each with its details when asked for. */
export async function* readWorkspaceGpts(
  settings: ApiSettings,
  options: ReadAllOptions = {},
): AsyncGenerator<PageRead> {
  // The list's own test of an item is not for the versions and shared users.
  const { unchanged: _list, ...detailOptions } = options;
  for await (const page of listGptPages(settings, options)) {
    const gpts = await mapLimit(page.items, options.concurrency ?? 8, async (gpt): Promise<GptRead> => {
      if (options.needsDetail && !options.needsDetail(gpt))
        return { gpt, configs: null, sharedUsers: null, problems: [] };
      let configs: Awaited<ReturnType<typeof listConfigs>>;
      let shared: Awaited<ReturnType<typeof listSharedUsers>>;
      try {
        [configs, shared] = await Promise.all([
          listConfigs(settings, gpt.id, detailOptions),
          listSharedUsers(settings, gpt.id, detailOptions),
        ]);
      } catch (error) {
        // Its details could not be read (5xx after every retry…): the GPT arrives with the problem, details null,
        // so the caller keeps what it had and tries again next time.
        if (!(error instanceof ApiError)) throw error;
        return {
          gpt,
          configs: null,
          sharedUsers: null,
          problems: [{ id: gpt.id, field: '(details)', message: error.message }],
        };
      }
      return {
        gpt,
        configs: configs.items,
        sharedUsers: shared.items,
        problems: [...configs.problems, ...shared.problems],
      };
    });
    yield { gpts, problems: page.problems, unchanged: page.unchanged };
  }
}

/** `fn` over `items`, at most `limit` at a time, results in the items' order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
