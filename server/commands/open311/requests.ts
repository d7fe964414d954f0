import { randomBytes } from 'node:crypto';
import type { CaseRecord } from '../../../shared/cases/types';
import type { Actor } from '../../../shared/domain/roles';
import { filingOf, MAX_REQUESTS, reporterNameOf, windowOf, type ListRequestsQuery, type PostRequestForm } from '../../../shared/open311/queries';
import { statusesFor } from '../../../shared/open311/requests';
import { fileCaseSchema } from '../../../shared/schemas/cases';
import { errors, fieldErrorsOf, open311Errors } from '../../errors';
import { fileCaseCommand } from '../cases/file-case';
import type { CaseCommandDeps, CaseListScope, Open311Key, Open311Store } from '../ports';

/**
 * Open311's reads and its one write over the case use cases. Reads go through the public list
 * (any case, newest first): what a client may see of each is the presenter's business.
 */

export interface Open311Deps {
  cases: CaseCommandDeps;
  store: Open311Store;
}

const PAGE = 100;
/** The most cases one updates answer covers: the most recently changed in the window. */
export const UPDATES_CASE_LIMIT = 1000;

/** Walks the public list from the newest case, page by page, until `keepGoing` says stop. */
async function walk(deps: Open311Deps, scope: CaseListScope, visit: (record: CaseRecord) => 'next' | 'stop'): Promise<void> {
  let cursor: string | undefined;
  for (;;) {
    const page = await deps.cases.store.list(scope, { cursor, limit: PAGE });
    for (const record of page.items) if (visit(record) === 'stop') return;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

/**
 * The cases a GET requests asks for: by id when given (the spec: it overrides every other
 * argument), else those filed in the window (90 days up to now by default), of the service and
 * statuses asked, newest first, at most 1000.
 */
export async function findOpen311Requests(deps: Open311Deps, query: ListRequestsQuery): Promise<CaseRecord[]> {
  if (query.service_request_id) {
    const found = await Promise.all(query.service_request_id.map((id) => deps.cases.store.findById(id)));
    return found.filter((record): record is CaseRecord => record !== undefined);
  }
  const window = windowOf(query, deps.cases.now());
  if (!window.ok) throw open311Errors.badRequest(window.message);
  const wanted = (query.status ?? ['open', 'closed']).map(statusesFor);
  const scope: CaseListScope = { field: null, facet: query.service_code ? `sub:${query.service_code}` : 'all' };
  const found: CaseRecord[] = [];
  await walk(deps, scope, (record) => {
    if (record.filedAt < window.from) return 'stop';
    if (record.filedAt <= window.to && wanted.some((matches) => matches(record.status))) found.push(record);
    return found.length >= MAX_REQUESTS ? 'stop' : 'next';
  });
  return found;
}

/**
 * The cases whose steps may fall in the updates window: every case changed since its start (a
 * step inside the window may be followed by later ones), the most recently changed first, at most
 * {@link UPDATES_CASE_LIMIT}.
 */
export async function findUpdatedCases(deps: Open311Deps, query: { start_date?: Date; end_date?: Date }): Promise<{ records: CaseRecord[]; from: Date; to: Date }> {
  const window = windowOf(query, deps.cases.now());
  if (!window.ok) throw open311Errors.badRequest(window.message);
  const changed = await deps.cases.store.listChangedSince(window.from, UPDATES_CASE_LIMIT);
  return { records: changed.filter((record) => record.filedAt <= window.to), from: window.from, to: window.to };
}

/**
 * Files a case from an Open311 POST, as a report of the resident it names, relayed by the key's
 * integration: the same use case and rules as the app (catalog, place, photos, anonymity). The
 * contact details Open311 carries beyond a case's (email, device) are kept with the token.
 * A crash between the two writes leaves a case without its token: the client got no answer and
 * files again, as after any lost answer.
 */
export async function fileOpen311Request(deps: Open311Deps, key: Open311Key, form: PostRequestForm): Promise<{ caseId: string; number: string; token: string }> {
  const parsed = fileCaseSchema.safeParse(filingOf(form));
  if (!parsed.success) throw errors.validation(fieldErrorsOf(parsed.error));
  const actor: Actor = { id: `open311:${key.id}`, role: 'resident', name: reporterNameOf(form) ?? `${key.name}用户`, scope: {} };
  const { record } = await fileCaseCommand(deps.cases, actor, parsed.data, undefined, { channel: 'open311' });
  const token = randomBytes(12).toString('base64url');
  await deps.store.insertFiling({
    token,
    caseId: record.id,
    keyId: key.id,
    ...(form.email ? { email: form.email } : {}),
    ...(form.media_url ? { mediaUrl: form.media_url } : {}),
    ...(form.device_id ? { deviceId: form.device_id } : {}),
    ...(form.account_id ? { accountId: form.account_id } : {}),
    createdAt: deps.cases.now(),
  });
  return { caseId: record.id, number: record.number, token };
}

/** The case id a token stands for; 404 for a token we never gave. */
export async function caseIdOfToken(deps: Open311Deps, token: string): Promise<string> {
  const filing = /^[A-Za-z0-9_-]{1,64}$/.test(token) ? await deps.store.findFiling(token) : undefined;
  if (!filing) throw open311Errors.notFound('令牌');
  return filing.caseId;
}
