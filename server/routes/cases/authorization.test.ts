import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEventTypes, type CaseEventType } from '../../../shared/cases/events';
import { allowedEvents } from '../../../shared/cases/machine';
import { caseEventRules } from '../../../shared/cases/rules';
import type { CaseStatus } from '../../../shared/cases/states';
import { seesCaseInFull } from '../../../shared/cases/visibility';
import type { Actor, Role, Scope } from '../../../shared/domain/roles';
import type { CaseView } from '../../../shared/schemas/cases';
import { mongoCaseStore } from '../../db/case-store';
import { startTestApp, type TestApp } from '../../testing/app';

/**
 * The authorization matrix of the case API: every role — one demo account each, a second account
 * of the same role in another place, and nobody signed in — against every endpoint. The tables
 * below are written out by hand so they can be read as the contract; each event row also checks
 * that `allowedEvents` (the rules the buttons use) agrees with the table on the stored case, so
 * the table, the rules and the HTTP answer must all say the same thing.
 */

// ---- who asks -------------------------------------------------------------------------------

/**
 * The seeded demo accounts, plus three this file adds: the demo district seeds one account per
 * role, and a grid leader, a residents' committee and a property company elsewhere are needed to
 * show that the role alone grants nothing.
 */
const principals = [
  'anonymous',
  'admin',
  'district',
  'street01',
  'street02',
  'grid0101',
  'member0101',
  'grid0201',
  'community01',
  'community02',
  'pm01',
  'pm02',
  'dept-market01',
  'urban01',
  'resident01',
  'resident02',
] as const;
type Principal = (typeof principals)[number];
type SignedIn = Exclude<Principal, 'anonymous'>;

const staffOfTheCase: SignedIn[] = ['district', 'street01', 'grid0101', 'member0101', 'community01', 'pm01', 'dept-market01'];

// ---- the case every row acts on -------------------------------------------------------------

/**
 * Every case here is resident01's complaint about the property service of compound C001 (grid
 * ST01-G01, committee community01), filed without photos (05.10 needs none), dispatched to pm01's
 * company with dept-market01 cohandling, at the street tier.
 */
const SUBCATEGORY = '05.10';
const LEAD_UNIT = 'U-PM-030';
const COHANDLER = 'U-ST01-MARKET';
const REASSIGN_TO = 'U-ST01-URBAN';

type PreparedStatus = Extract<CaseStatus, 'submitted' | 'accepted' | 'dispatched' | 'in_progress' | 'resolved' | 'verified' | 'closed' | 'suspended'>;

/** For each event: a status it may start from (so only the actor decides), and a valid body. */
const eventSetups: Record<CaseEventType, { status: PreparedStatus; body: () => Record<string, unknown> }> = {
  accept: { status: 'submitted', body: () => ({ note: '街道中心受理' }) },
  reject: { status: 'submitted', body: () => ({ reason: '不属于受理范围' }) },
  merge: { status: 'submitted', body: () => ({ intoCaseId: mergeTargetId }) },
  dispatch: { status: 'accepted', body: () => dispatchBody() },
  claim: { status: 'dispatched', body: () => ({}) },
  return: { status: 'dispatched', body: () => ({ reason: '不属于本单位职责' }) },
  reassign: { status: 'dispatched', body: () => ({ leadUnitCode: REASSIGN_TO, leadUnitType: unitType(REASSIGN_TO), reason: '改由城管处置' }) },
  escalate: { status: 'accepted', body: () => ({ reason: '需区中心协调' }) },
  progress: { status: 'in_progress', body: () => ({ note: '已联系业主了解情况' }) },
  resolve: { status: 'in_progress', body: () => ({ note: '已整改完毕' }) },
  send_back: { status: 'resolved', body: () => ({ reason: '现场仍未整改' }) },
  verify: { status: 'resolved', body: () => ({}) },
  close: { status: 'verified', body: () => ({}) },
  suspend: { status: 'in_progress', body: () => ({ reason: '等待业委会表决', until: new Date(app.clock.now().getTime() + 3 * 86_400_000).toISOString() }) },
  resume: { status: 'suspended', body: () => ({}) },
  reopen: { status: 'closed', body: () => ({ reason: '问题再次出现' }) },
  extend: { status: 'in_progress', body: () => ({ reason: '热线中心同意延期', deadline: new Date(app.clock.now().getTime() + 3 * 86_400_000).toISOString() }) },
  rate: { status: 'closed', body: () => ({ resolved: 'yes', satisfaction: 4 }) },
  urge: { status: 'in_progress', body: () => ({}) },
  supervise: { status: 'in_progress', body: () => ({}) },
  warn: { status: 'in_progress', body: () => ({}) },
  overdue: { status: 'in_progress', body: () => ({}) },
  auto_escalate: { status: 'in_progress', body: () => ({}) },
  publish_summary: { status: 'in_progress', body: () => ({ summary: '小区电梯故障，物业正在处置' }) },
  case_warn: { status: 'in_progress', body: () => ({}) },
  case_overdue: { status: 'in_progress', body: () => ({}) },
  case_escalate: { status: 'in_progress', body: () => ({}) },
};

/**
 * THE expected table: who may cause each event on that case. Everyone else signed in gets 403
 * `case.forbidden`; nobody signed in gets 401. Clock events are the scheduler's alone.
 */
const mayAct: Record<CaseEventType, SignedIn[]> = {
  accept: ['district', 'street01', 'grid0101'],
  reject: ['district', 'street01'],
  merge: ['district', 'street01'],
  dispatch: ['district', 'street01'],
  claim: ['pm01'],
  return: ['pm01'],
  reassign: ['district', 'street01'],
  // The district is the tier above: it takes over by escalation, it does not escalate.
  escalate: ['street01'],
  // Everyone taking part may add a note — except the reporter, who follows the timeline.
  progress: staffOfTheCase,
  resolve: ['pm01'],
  send_back: ['district', 'street01', 'grid0101', 'member0101'],
  verify: ['district', 'street01', 'grid0101', 'member0101'],
  close: ['district', 'street01'],
  suspend: ['district', 'street01'],
  resume: ['district', 'street01'],
  reopen: ['resident01'],
  // A hotline centre's answer to our 延期 request: its intake alone.
  extend: [],
  rate: ['resident01'],
  urge: ['district', 'street01'],
  supervise: ['district'],
  warn: [],
  overdue: [],
  auto_escalate: [],
  // Only the centres vouch for what the public reads; the street keeps watching once escalated.
  publish_summary: ['district', 'street01'],
  case_warn: [],
  case_overdue: [],
  case_escalate: [],
};

/** How each status is reached through the API, one `[who, event, body]` per step. */
function stepsTo(status: PreparedStatus): [SignedIn, CaseEventType, Record<string, unknown>][] {
  switch (status) {
    case 'submitted':
      return [];
    case 'accepted':
      return [['street01', 'accept', {}]];
    case 'dispatched':
      return [...stepsTo('accepted'), ['street01', 'dispatch', dispatchBody()]];
    case 'in_progress':
      return [...stepsTo('dispatched'), ['pm01', 'claim', {}]];
    case 'resolved':
      return [...stepsTo('in_progress'), ['pm01', 'resolve', { note: '已整改完毕' }]];
    case 'verified':
      return [...stepsTo('resolved'), ['member0101', 'verify', {}]];
    case 'closed':
      return [...stepsTo('verified'), ['street01', 'close', {}]];
    case 'suspended':
      return [...stepsTo('in_progress'), ['street01', 'suspend', eventSetups.suspend.body()]];
  }
}

const dispatchBody = () => ({
  leadUnitCode: LEAD_UNIT,
  leadUnitType: unitType(LEAD_UNIT),
  cohandlers: [{ unitCode: COHANDLER, unitType: unitType(COHANDLER) }],
});

// ---- the test's world -----------------------------------------------------------------------

let app: TestApp;
const tokens = new Map<SignedIn, string>();
const actors = new Map<SignedIn, Actor>();
/** One case per status for the rows that must be refused: a refusal writes nothing. */
const sharedCases = new Map<PreparedStatus, string>();
/** A case of its own for each row that must succeed, since success changes the case. */
const ownCases = new Map<string, string>();
let mergeTargetId: string;

const unitType = (code: string) => {
  const unit = app.reference.unitsByCode.get(code);
  if (!unit) throw new Error(`no unit ${code} in the demo district`);
  return unit.type;
};

async function request(principal: Principal, method: string, path: string, body?: unknown) {
  const token = principal === 'anonymous' ? undefined : tokens.get(principal);
  return app.server.request(method, path, { token, body });
}

async function send(principal: SignedIn, caseId: string, type: CaseEventType, body: Record<string, unknown>) {
  const response = await request(principal, 'POST', `/api/v1/cases/${caseId}/events/${type}`, body);
  if (response.status !== 200) throw new Error(`setup: ${principal} ${type}: ${response.status} ${JSON.stringify(response.body)}`);
}

/** Files resident01's complaint and walks it to `status` through the API. */
async function prepareCase(status: PreparedStatus): Promise<string> {
  const filed = await request('resident01', 'POST', '/api/v1/cases', {
    subcategoryCode: SUBCATEGORY,
    description: '物业长期不清理楼道，多次反映无人处理',
    compoundCode: 'C001',
  });
  if (filed.status !== 201) throw new Error(`setup: filing: ${filed.status} ${JSON.stringify(filed.body)}`);
  for (const [who, type, body] of stepsTo(status)) await send(who, filed.body.id, type, body);
  return filed.body.id as string;
}

/** Adds an account of `role` in another place than the demo account's. */
async function addAccount(username: SignedIn, role: Role, scope: Scope): Promise<void> {
  await app.database.models.Account.create({ loginKey: `pw:${username}`, username, displayName: username, role, scope, demo: true });
}

/** Runs `work` over `items`, a few at a time: the API serialises on one database connection anyway. */
async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(work));
}

const storedCase = async (id: string) => {
  const record = await mongoCaseStore(app.database).findById(id);
  if (!record) throw new Error(`case ${id} is not stored`);
  return record;
};

const ownCaseKey = (event: CaseEventType, principal: Principal) => `${event}/${principal}`;

beforeAll(async () => {
  app = await startTestApp({ label: 'authorization' });
  const grid = [...app.reference.grids.values()].find((g) => g.streetCode === 'ST02')!;
  const community = app.reference.communities.find((c) => c.compoundCodes.every((code) => app.reference.compounds.get(code)?.streetCode === 'ST02'))!;
  const company = app.reference.units.find((u) => u.type === 'property_company' && u.code !== LEAD_UNIT)!;
  await addAccount('grid0201', 'grid_leader', { streetCode: 'ST02', gridCode: grid.code });
  await addAccount('community02', 'community', { streetCode: 'ST02', compoundCodes: community.compoundCodes, unitCode: community.unitCode });
  await addAccount('pm02', 'property_manager', { unitCode: company.code });
  for (const principal of principals) {
    if (principal === 'anonymous') continue;
    tokens.set(principal, await app.token(principal));
    actors.set(principal, await app.actor(principal));
  }

  // The first filing creates the day's case-number counter; the rest may then run side by side.
  mergeTargetId = await prepareCase('accepted');
  const statuses = [...new Set(Object.values(eventSetups).map((setup) => setup.status))];
  await inBatches(statuses, 4, async (status) => void sharedCases.set(status, await prepareCase(status)));
  const allowedRows = caseEventTypes.flatMap((event) => mayAct[event].map((principal) => ({ event, principal })));
  await inBatches(allowedRows, 6, async ({ event, principal }) => void ownCases.set(ownCaseKey(event, principal), await prepareCase(eventSetups[event].status)));
}, 120_000);
afterAll(async () => app?.close());

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

// ---- POST /api/v1/cases/:id/events/:type ----------------------------------------------------

const eventRows = caseEventTypes.flatMap((event) =>
  principals.map((principal) => {
    const { status } = eventSetups[event];
    const allowed = principal !== 'anonymous' && mayAct[event].includes(principal);
    const outcome = principal === 'anonymous' ? '401 auth.required' : allowed ? '200' : '403 case.forbidden';
    const name = `${principal} ${allowed ? 'may' : 'cannot'} ${event} ${article(status)} ${status.replace('_', ' ')} case → ${outcome}`;
    return { name, event, principal, status, allowed };
  }),
);

describe('POST /api/v1/cases/:id/events/:type — resident01\'s case at C001 (ST01-G01), lead pm01, cohandler dept-market01', () => {
  it('the table has a row for every event type, and each event starts from a status the rules allow', () => {
    expect(Object.keys(mayAct).sort()).toEqual([...caseEventTypes].sort());
    for (const event of caseEventTypes) expect(caseEventRules[event].from).toContain(eventSetups[event].status);
    expect(eventRows).toHaveLength(caseEventTypes.length * principals.length);
  });

  it.each(eventRows)('$name', async ({ event, principal, status, allowed }) => {
    const caseId = allowed ? ownCases.get(ownCaseKey(event, principal))! : sharedCases.get(status)!;
    const before = await storedCase(caseId);
    expect(before.status).toBe(status);
    // The rules, applied to the stored case, must agree with the hand-written table.
    const actor = principal === 'anonymous' ? undefined : actors.get(principal)!;
    expect(actor ? allowedEvents(before, actor, app.clock.now()).includes(event) : false).toBe(allowed);

    const response = await request(principal, 'POST', `/api/v1/cases/${caseId}/events/${event}`, eventSetups[event].body());
    const after = await storedCase(caseId);
    if (allowed) {
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body.timeline.at(-1).type).toBe(event);
      expect(after.version).toBe(before.version + 1);
      return;
    }
    expect(response.status, JSON.stringify(response.body)).toBe(principal === 'anonymous' ? 401 : 403);
    expect(response.body.error.code).toBe(principal === 'anonymous' ? 'auth.required' : 'case.forbidden');
    expect(after.version).toBe(before.version);
    expect(after.timeline).toHaveLength(before.timeline.length);
  });
});

// ---- GET /api/v1/cases?view=… ---------------------------------------------------------------

/** Who may open each list (with the query that asks for ST01's street or grid where it matters). */
const viewAccess: Record<CaseView, { query: string; may: Principal[] }> = {
  public: { query: 'view=public', may: [...principals] },
  mine: { query: 'view=mine', may: principals.filter((p) => p !== 'anonymous') },
  inbox: {
    query: 'view=inbox',
    may: ['district', 'street01', 'street02', 'grid0101', 'member0101', 'grid0201', 'community01', 'community02', 'pm01', 'pm02', 'dept-market01', 'urban01'],
  },
  cohandling: { query: 'view=cohandling', may: ['pm01', 'pm02', 'dept-market01', 'urban01'] },
  street: { query: 'view=street&streetCode=ST01', may: ['admin', 'district', 'street01'] },
  grid: { query: 'view=grid&gridCode=ST01-G01', may: ['admin', 'district', 'street01', 'grid0101', 'member0101'] },
  community: { query: 'view=community', may: ['community01', 'community02'] },
  district: { query: 'view=district', may: ['admin', 'district'] },
};

const listRows = (Object.keys(viewAccess) as CaseView[]).flatMap((view) =>
  principals.map((principal) => {
    const { query, may } = viewAccess[view];
    const allowed = may.includes(principal);
    const outcome = allowed ? '200' : principal === 'anonymous' ? '401 auth.required' : '403 case.view_not_allowed';
    return { name: `${principal} ${allowed ? 'may' : 'cannot'} list ${query} → ${outcome}`, view, query, principal, allowed };
  }),
);

/** What a 200 list may contain for the views that name a place. */
const listScopeOf: Partial<Record<CaseView, { street?: string; grid?: string }>> = { street: { street: 'ST01' }, grid: { grid: 'ST01-G01' } };

describe('GET /api/v1/cases — each view', () => {
  it.each(listRows)('$name', async ({ view, query, principal, allowed }) => {
    const response = await request(principal, 'GET', `/api/v1/cases?${query}`);
    if (!allowed) {
      expect(response.status, JSON.stringify(response.body)).toBe(principal === 'anonymous' ? 401 : 403);
      expect(response.body.error.code).toBe(principal === 'anonymous' ? 'auth.required' : 'case.view_not_allowed');
      return;
    }
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(Array.isArray(response.body.items)).toBe(true);
    const scope = listScopeOf[view];
    for (const item of response.body.items) {
      if (scope?.street) expect(item.street.code).toBe(scope.street);
      if (scope?.grid) expect(item.grid.code).toBe(scope.grid);
    }
  });

  it('shows the dispatched cases in the lead unit\'s inbox and the cohandler\'s list, and none of them to the other street', async () => {
    const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);
    const dispatched = sharedCases.get('dispatched')!;
    expect(ids((await request('pm01', 'GET', '/api/v1/cases?view=inbox&limit=50')).body)).toContain(dispatched);
    expect(ids((await request('dept-market01', 'GET', '/api/v1/cases?view=cohandling&limit=50')).body)).toContain(dispatched);
    expect(ids((await request('street01', 'GET', '/api/v1/cases?view=inbox&limit=50')).body)).toContain(dispatched);
    expect(ids((await request('street02', 'GET', '/api/v1/cases?view=inbox&limit=50')).body)).not.toContain(dispatched);
    expect(ids((await request('pm02', 'GET', '/api/v1/cases?view=inbox&limit=50')).body)).not.toContain(dispatched);
  });
});

// ---- GET /api/v1/cases/:id ------------------------------------------------------------------

/** Who sees the in-progress case in full; everyone else (signed in or not) gets the public form. */
const seesInFull: Principal[] = ['admin', ...staffOfTheCase, 'resident01'];

const detailRows = principals.map((principal) => {
  const view = seesInFull.includes(principal) ? 'full' : 'public';
  return { name: `${principal} sees the in-progress case in the ${view} view`, principal, view };
});

describe('GET /api/v1/cases/:id — full view for those taking part, public view for everyone else', () => {
  it.each(detailRows)('$name', async ({ principal, view }) => {
    const caseId = sharedCases.get('in_progress')!;
    const record = await storedCase(caseId);
    const actor = principal === 'anonymous' ? undefined : actors.get(principal)!;
    expect(seesCaseInFull(record, actor)).toBe(view === 'full');

    const response = await request(principal, 'GET', `/api/v1/cases/${caseId}`);
    expect(response.status).toBe(200);
    expect(response.body.view).toBe(view);
    if (view === 'public') {
      expect(response.body).not.toHaveProperty('reporter');
      expect(response.body.allowedEvents).toEqual([]);
      expect(JSON.stringify(response.body)).not.toContain(record.reporter.name);
    } else {
      expect(response.body.reporter.name).toBe(record.reporter.name);
      expect(response.body.allowedEvents.map((e: { type: string }) => e.type)).toEqual(allowedEvents(record, actor!, app.clock.now()));
    }
  });
});

// ---- POST /api/v1/cases ---------------------------------------------------------------------

/** Reporting roles may file anywhere in the district (patrols and the hotline are not bound to their own place). */
const mayFile: Principal[] = ['district', 'street01', 'street02', 'grid0101', 'member0101', 'grid0201', 'resident01', 'resident02'];

const fileRows = principals.map((principal) => {
  const allowed = mayFile.includes(principal);
  const outcome = allowed ? '201' : principal === 'anonymous' ? '401 auth.required' : '403 case.filing_not_allowed';
  return { name: `${principal} ${allowed ? 'may' : 'cannot'} file a case → ${outcome}`, principal, allowed };
});

describe('POST /api/v1/cases', () => {
  it.each(fileRows)('$name', async ({ principal, allowed }) => {
    const before = await app.database.models.Case.countDocuments();
    const response = await request(principal, 'POST', '/api/v1/cases', { subcategoryCode: SUBCATEGORY, description: '物业公司不按合同提供保洁服务', compoundCode: 'C001' });
    const after = await app.database.models.Case.countDocuments();
    if (allowed) {
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect((await storedCase(response.body.id)).reporter.accountId).toBe(actors.get(principal as SignedIn)!.id);
      expect(after).toBe(before + 1);
      return;
    }
    expect(response.status, JSON.stringify(response.body)).toBe(principal === 'anonymous' ? 401 : 403);
    expect(response.body.error.code).toBe(principal === 'anonymous' ? 'auth.required' : 'case.filing_not_allowed');
    expect(after).toBe(before);
  });
});

// ---- POST /api/v1/cases/:id/follow ----------------------------------------------------------

const followRows = principals.map((principal) => {
  const [status, code] =
    principal === 'anonymous' ? [401, 'auth.required'] : principal === 'resident02' ? [200, null] : principal === 'resident01' ? [409, 'case.own_case'] : [403, 'case.follow_residents_only'];
  const verb = status === 200 ? 'may follow' : principal === 'resident01' ? 'cannot follow its own' : 'cannot follow';
  return { name: `${principal} ${verb} an open case → ${status}${code ? ` ${code}` : ''}`, principal, status, code };
});

describe('POST /api/v1/cases/:id/follow — "me too" is for other residents', () => {
  it.each(followRows)('$name', async ({ principal, status, code }) => {
    const caseId = sharedCases.get('in_progress')!;
    const before = await storedCase(caseId);
    const response = await request(principal, 'POST', `/api/v1/cases/${caseId}/follow`);
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    const after = await storedCase(caseId);
    if (code) {
      expect(response.body.error.code).toBe(code);
      expect(after.followers).toBe(before.followers);
    } else {
      expect(after.followers).toBe(before.followers + 1);
    }
  });
});

// ---- the catalog ----------------------------------------------------------------------------

describe('GET /api/v1/catalog — everyone reads the service list', () => {
  it.each(principals.map((principal) => ({ name: `${principal} may read the catalog → 200`, principal })))('$name', async ({ principal }) => {
    const response = await request(principal, 'GET', '/api/v1/catalog');
    expect(response.status).toBe(200);
    expect(response.body.categories).toHaveLength(11);
  });
});

describe('POST /api/v1/catalog — administrators only', () => {
  // Anyone but the administrator is refused before the body is even read, so the same valid
  // body (based on the version current when the row runs) goes with every row.
  const rows = principals.map((principal) => {
    const outcome = principal === 'admin' ? '201' : principal === 'anonymous' ? '401 auth.required' : '403 auth.role_not_allowed';
    return { name: `${principal} ${principal === 'admin' ? 'may' : 'cannot'} publish a catalog version → ${outcome}`, principal };
  });

  it.each(rows)('$name', async ({ principal }) => {
    const latest = (await request('anonymous', 'GET', '/api/v1/catalog')).body;
    const response = await request(principal, 'POST', '/api/v1/catalog', { basedOn: latest.version, categories: latest.categories });
    const now = (await request('anonymous', 'GET', '/api/v1/catalog')).body;
    if (principal === 'admin') {
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(now.version).toBe(latest.version + 1);
      return;
    }
    expect(response.status, JSON.stringify(response.body)).toBe(principal === 'anonymous' ? 401 : 403);
    expect(response.body.error.code).toBe(principal === 'anonymous' ? 'auth.required' : 'auth.role_not_allowed');
    expect(now.version).toBe(latest.version);
  });
});

describe('whoever files a case follows it', () => {
  it('shows a hotline filing in full to the dispatcher of another street who took the call', async () => {
    const filed = await app.server.request('POST', '/api/v1/cases', {
      token: await app.token('street02'),
      body: { subcategoryCode: '08.01', description: '夜间商铺音响声音很大，影响休息', compoundCode: 'C001' },
    });
    expect(filed.status).toBe(201);
    expect(filed.body.street.code).toBe('ST01');
    const view = await app.server.request('GET', `/api/v1/cases/${filed.body.id}`, { token: await app.token('street02') });
    expect(view.body.view).toBe('full');
    // Following in full gives no say: the case belongs to ST01's dispatcher.
    expect(view.body.allowedEvents).toEqual([]);
  });
});
