import type { HotlineChannel } from '../../../shared/hotline/work-order';
import { AppError } from '../../errors';
import { applyCentreNotice } from './centre-notice';
import type { HotlineCommandDeps } from './take-in-order';

export interface NoticePullReport {
  applied: number;
  /** Notices we cannot apply (unknown order, bad code): the order number and why. */
  refused: { number: string; code: string; message: string }[];
}

/**
 * Pulls a channel's new notices (催办, 回访, 重办, 延期答复) page by page after the stored cursor and
 * applies each (once per notice key, see `applyCentreNotice`); the cursor moves after its page.
 */
export async function pullNotices(deps: HotlineCommandDeps, channel: HotlineChannel, options: { pageSize?: number; maxPages?: number } = {}): Promise<NoticePullReport> {
  const centre = deps.centres[channel];
  const report: NoticePullReport = { applied: 0, refused: [] };
  if (!centre) return report;
  let cursor = await deps.orders.cursor(channel, 'notices');
  for (let page = 0; page < (options.maxPages ?? 10); page += 1) {
    const listed = await centre.listNotices(cursor, options.pageSize ?? 50);
    for (const notice of listed.notices) {
      try {
        if ((await applyCentreNotice(deps, channel, notice)).applied) report.applied += 1;
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        report.refused.push({ number: String(notice.number ?? ''), code: error.code, message: error.message });
      }
    }
    if (listed.nextCursor !== cursor) await deps.orders.saveCursor(channel, listed.nextCursor, deps.now(), 'notices');
    if (!listed.notices.length || listed.nextCursor === cursor) break;
    cursor = listed.nextCursor;
  }
  return report;
}
