import type { HotlineChannel } from '../../../shared/hotline/work-order';
import { AppError } from '../../errors';
import { takeInWorkOrder, type HotlineCommandDeps } from './take-in-order';

export interface PullReport {
  taken: number;
  /** Orders the centre listed that we cannot file (invalid, outside the district): number and why. */
  refused: { number: string; code: string; message: string }[];
  pages: number;
}

/**
 * Pulls a channel's new orders (the Beijing-style interface): list a page after the stored cursor,
 * fetch and take in each order, then store the page's cursor, page after page. The cursor moves
 * only after its page was taken in, so a crash re-reads the page, which intake makes harmless. An
 * order we cannot file is reported and passed over (a dispatcher takes it up with the centre); a
 * failing centre stops the pull (thrown), to be retried at the next interval.
 */
export async function pullOrders(deps: HotlineCommandDeps, channel: HotlineChannel, options: { pageSize?: number; maxPages?: number } = {}): Promise<PullReport> {
  const centre = deps.centres[channel];
  if (!centre) return { taken: 0, refused: [], pages: 0 };
  const report: PullReport = { taken: 0, refused: [], pages: 0 };
  let cursor = await deps.orders.cursor(channel);
  for (let page = 0; page < (options.maxPages ?? 10); page += 1) {
    const listed = await centre.listNew(cursor, options.pageSize ?? 20);
    report.pages += 1;
    for (const number of listed.numbers) {
      const raw = await centre.fetchOrder(number);
      try {
        const intake = await takeInWorkOrder(deps, raw, channel);
        if (intake.created) report.taken += 1;
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        report.refused.push({ number, code: error.code, message: error.message });
      }
    }
    if (listed.nextCursor !== cursor) await deps.orders.saveCursor(channel, listed.nextCursor, deps.now());
    if (!listed.numbers.length || listed.nextCursor === cursor) break;
    cursor = listed.nextCursor;
  }
  return report;
}
