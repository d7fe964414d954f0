import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role, Scope } from '../../../shared/domain/roles';
import { baoheVisitCategories, communityCorrectionCategory } from '../../../shared/visits/baohe-categories';
import { withDistrictCategories } from '../../../shared/visits/config';
import { rekeyVisits } from '../../commands/visits';
import { fieldSealer } from '../../crypto/field-sealer';
import { mongoVisitStore } from '../../db/visit-store';
import { startTestApp, testClock, type TestApp } from '../../testing/app';

// The register on the real engine: grid ST01's first grid, one person of each reach (the elderly,
// a severe mental disorder, the community correction the district added for the justice office),
// and an account for each cell of the access matrix.
let app: TestApp;
const people: Record<'elderly' | 'mental' | 'correction', string> = { elderly: '', mental: '', correction: '' };
let compoundA = '';
let subcategoryCode = '';

const secrets = {
  name: '欧阳守仁',
  idNumber: '340111194503071234',
  phone: '13955107788',
  address: '包河区望湖城南区7栋302室',
  notes: '独子在外地，钥匙放在邻居家',
  guardian: '欧阳建国（儿子）',
  findings: '卫生间扶手松动，老人曾滑倒',
};

const personFields = { name: secrets.name, idNumber: secrets.idNumber, phone: secrets.phone, address: secrets.address, notes: secrets.notes };

const request = async (username: string | undefined, method: string, path: string, body?: unknown) =>
  app.server.request(method, path, { ...(username ? { token: await app.token(username) } : {}), ...(body === undefined ? {} : { body }) });

async function addAccount(username: string, role: Role, scope: Scope) {
  await app.database.models.Account.create({ loginKey: `pw:${username}`, username, displayName: username, role, scope, demo: true });
}

beforeAll(async () => {
  app = await startTestApp({
    label: 'visits',
    district: 'fixture',
    clock: testClock('2026-09-01T09:00:00+08:00'),
    visitCategories: withDistrictCategories(baoheVisitCategories, [communityCorrectionCategory], '2026-08-01T00:00:00+08:00'),
    beforeLoad: async (database) => {
      const unit = (code: string, type: string, streetCode: string) => ({ code, name: code, type, streetCode, phone: '0551-00000000' });
      await database.models.Unit.insertMany([unit('U-ST01-HEALTHC', 'health', 'ST01'), unit('U-ST02-HEALTHC', 'health', 'ST02'), unit('U-ST01-JUSTICE', 'justice', 'ST01'), unit('U-ST01-POLICEX', 'police_station', 'ST01')]);
    },
  });
  const grid = (await app.actor('member0101')) as { scope: { gridCode: string; streetCode: string } };
  const inGrid = [...app.reference.compounds.values()].filter((c) => c.gridCode === grid.scope.gridCode && app.reference.communityOf(c.code));
  compoundA = inGrid[0].code;
  const communityA = app.reference.communityOf(compoundA)!;
  const otherGrid = [...app.reference.grids.values()].find((g) => g.streetCode === 'ST01' && g.code !== grid.scope.gridCode)!;
  await addAccount('cm-a', 'community', { streetCode: 'ST01', unitCode: communityA, compoundCodes: [compoundA] });
  const otherCommunity = app.reference.communities.find((c) => c.unitCode !== communityA)!;
  await addAccount('cm-other', 'community', { streetCode: 'ST01', unitCode: otherCommunity.unitCode, compoundCodes: otherCommunity.compoundCodes });
  await addAccount('lead-b', 'grid_leader', { streetCode: 'ST01', gridCode: otherGrid.code });
  await addAccount('health01', 'department', { unitCode: 'U-ST01-HEALTHC' });
  await addAccount('health02', 'department', { unitCode: 'U-ST02-HEALTHC' });
  await addAccount('justice01', 'department', { unitCode: 'U-ST01-JUSTICE' });
  await addAccount('policex1', 'department', { unitCode: 'U-ST01-POLICEX' });
  await addAccount('civil', 'department', { unitCode: 'U-CIVIL' });
  subcategoryCode = (await app.reference.latestCatalog()).categories.flatMap((c) => c.subcategories).find((sub) => !sub.photoRequiredToFile)!.code;

  const register = async (key: keyof typeof people, categoryCode: string, risk: string, extra: Record<string, unknown> = {}) => {
    const response = await request('grid0101', 'POST', '/api/v1/visits/people', { categoryCode, risk, compoundCode: compoundA, ...personFields, ...extra });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    people[key] = response.body.id;
  };
  await register('elderly', 'elderly_alone', 'yellow');
  await register('mental', 'severe_mental_disorder', 'red', { name: '王五' });
  await register('correction', 'community_correction', 'blue', { name: '赵六' });
}, 60_000);
afterAll(async () => app?.close());

describe('registering', () => {
  it('answers the person masked, and lets neither a grid member nor a resident register', async () => {
    const record = await request('grid0101', 'GET', `/api/v1/visits/people/${people.elderly}`);
    expect(record.body.person).toMatchObject({ name: '欧**仁', idNumber: '3401**********1234', phone: '139****7788', address: '包河区…（已隐藏）', hasNotes: true });
    expect(JSON.stringify(record.body)).not.toContain(secrets.phone);
    for (const username of ['member0101', 'resident01', 'admin']) {
      expect((await request(username, 'POST', '/api/v1/visits/people', { categoryCode: 'elderly', risk: 'blue', compoundCode: compoundA, ...personFields })).status, username).toBe(403);
    }
  });

  it('refuses bad input with field errors that do not echo the value', async () => {
    const response = await request('grid0101', 'POST', '/api/v1/visits/people', { categoryCode: 'elderly', risk: 'blue', compoundCode: compoundA, ...personFields, idNumber: '3401119450307' });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.idNumber).toEqual(['身份证号应为18位']);
    expect(JSON.stringify(response.body)).not.toContain('3401119450307');
    expect((await request('grid0101', 'POST', '/api/v1/visits/people', { categoryCode: 'nope', risk: 'blue', compoundCode: compoundA, ...personFields })).body.error.code).toBe('visit.unknown_category');
  });
});

describe('the access matrix, end to end', () => {
  // [account, elderly (民政), mental disorder (卫健, leaders only), community correction (司法, added by the district)]
  const matrix: [string, number, number, number][] = [
    ['member0101', 200, 403, 403],
    ['grid0101', 200, 200, 200],
    ['lead-b', 403, 403, 403],
    ['cm-a', 200, 200, 200],
    ['cm-other', 403, 403, 403],
    ['health01', 403, 200, 403],
    ['health02', 403, 403, 403],
    ['justice01', 403, 403, 200],
    ['civil', 200, 403, 403],
    ['street01', 403, 403, 403],
    ['district', 403, 403, 403],
    ['admin', 403, 403, 403],
    ['dept-market01', 403, 403, 403],
    ['resident01', 403, 403, 403],
  ];
  it.each(matrix)('%s reads elderly %i, mental disorder %i, community correction %i; lists the same', async (username, elderly, mental, correction) => {
    const statuses = [];
    for (const id of [people.elderly, people.mental, people.correction]) statuses.push((await request(username, 'GET', `/api/v1/visits/people/${id}`)).status);
    expect(statuses).toEqual([elderly, mental, correction]);
    const listed = await request(username, 'GET', '/api/v1/visits/people');
    const expected = [people.elderly, people.mental, people.correction].filter((_, i) => [elderly, mental, correction][i] === 200);
    if (expected.length === 0 && listed.status === 403) return;
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((p: { id: string }) => p.id).sort()).toEqual(expected.sort());
  });

  it('gives each account the categories it works with and their questions, and the public none', async () => {
    const codes = async (username: string) => ((await request(username, 'GET', '/api/v1/visits/categories')).body.categories as { code: string }[]).map((c) => c.code);
    expect(await codes('member0101')).not.toContain('severe_mental_disorder');
    expect(await codes('grid0101')).toEqual(expect.arrayContaining(['elderly_alone', 'severe_mental_disorder', 'community_correction']));
    expect((await codes('health01')).sort()).toEqual(['family_planning_special', 'severe_mental_disorder']);
    const mental = (await request('grid0101', 'GET', '/api/v1/visits/categories')).body.categories.find((c: { code: string }) => c.code === 'severe_mental_disorder');
    expect(mental.signOffOnDanger).toEqual(expect.arrayContaining(['health', 'police_station']));
    expect(mental.questions).toContainEqual(expect.objectContaining({ key: 'dangerGrade', kind: 'integer', min: 0, max: 5 }));
    expect((await request('resident01', 'GET', '/api/v1/visits/categories')).status).toBe(403);
    expect((await request(undefined, 'GET', '/api/v1/visits/categories')).status).toBe(401);
  });

  it('answers nothing to the public', async () => {
    expect((await request(undefined, 'GET', `/api/v1/visits/people/${people.elderly}`)).status).toBe(401);
    expect((await request(undefined, 'GET', '/api/v1/visits/worklist')).status).toBe(401);
  });
});

describe('the worklist across holidays', () => {
  it('shows the red person weekly, and the yellow one moved past the National Day break', async () => {
    app.clock.set('2026-09-09T10:00:00+08:00');
    const early = await request('grid0101', 'GET', '/api/v1/visits/worklist');
    expect(early.body.items.map((p: { id: string }) => p.id)).toEqual([people.mental]);
    expect(early.body.items[0].schedule).toMatchObject({ state: 'overdue', dueAt: '2026-09-08T16:00:00.000Z', latenessHours: 10, escalatedTo: [] });

    app.clock.set('2026-09-29T10:00:00+08:00');
    const later = await request('grid0101', 'GET', '/api/v1/visits/worklist');
    expect(later.body.items.map((p: { id: string }) => p.id)).toEqual([people.mental, people.elderly]);
    // Due 1 October (a holiday) → the first working day after the break; reminded from 29 September.
    expect(later.body.items[1].schedule).toMatchObject({ state: 'due_soon', dueAt: '2026-10-08T16:00:00.000Z', warnAt: '2026-09-28T16:00:00.000Z' });
    expect(later.body.items[0].schedule.escalatedTo).toEqual(['grid_leader', 'community']);
    // The member sees only the category their role handles.
    const member = await request('member0101', 'GET', '/api/v1/visits/worklist');
    expect(member.body.items.map((p: { id: string }) => p.id)).toEqual([people.elderly]);
    const paged = await request('grid0101', 'GET', '/api/v1/visits/worklist?limit=1');
    const next = await request('grid0101', 'GET', `/api/v1/visits/worklist?limit=1&cursor=${paged.body.nextCursor}`);
    expect([...paged.body.items, ...next.body.items].map((p: { id: string }) => p.id)).toEqual([people.mental, people.elderly]);
  });
});

describe('recording a visit', () => {
  const visit = (draftId: string, extra: Record<string, unknown> = {}) => ({
    draftId,
    visitedAt: '2026-09-29T09:30:00+08:00',
    method: 'in_person',
    met: true,
    answers: { livesAlone: true, healthNote: '血压偏高', emergencyContactReachable: true },
    findings: secrets.findings,
    point: { lng: 117.301234, lat: 31.812345 },
    nextRisk: 'yellow',
    ...extra,
  });

  it('files a linked case in the same action, once however often the draft is sent', async () => {
    const body = visit('draft-handrail-0001', { case: { subcategoryCode, description: '卫生间扶手松动需要加固' } });
    const first = await request('member0101', 'POST', `/api/v1/visits/people/${people.elderly}/visits`, body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.case.id).toBe(first.body.visit.caseId);
    const again = await request('member0101', 'POST', `/api/v1/visits/people/${people.elderly}/visits`, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ replayed: true, visit: { id: first.body.visit.id }, case: { id: first.body.case.id } });
    const filed = await request('street01', 'GET', `/api/v1/cases/${first.body.case.id}`);
    expect(filed.status).toBe(200);
    // The case names the compound, never the person or their address.
    expect(JSON.stringify(filed.body)).not.toMatch(new RegExp(`${secrets.name}|${secrets.address}|望湖城南区7栋`));
    expect(await app.database.models.Case.countDocuments({ _id: first.body.case.id })).toBe(1);
    expect(await app.database.models.VisitRecord.countDocuments({ personId: people.elderly })).toBe(1);

    const record = await request('member0101', 'GET', `/api/v1/visits/people/${people.elderly}`);
    expect(record.body.person.lastVisitAt).toBe('2026-09-29T01:30:00.000Z');
    expect(record.body.person.schedule.dueAt).toBe('2026-10-29T16:00:00.000Z');
    expect(record.body.visits[0]).toMatchObject({ answers: null, findings: null, point: null });
  });

  it('refuses the same draft id with other content, and answers that break the category questions', async () => {
    const reused = await request('member0101', 'POST', `/api/v1/visits/people/${people.elderly}/visits`, visit('draft-handrail-0001', { met: false }));
    expect(reused.body.error.code).toBe('visit.draft_reused');
    const bad = await request('grid0101', 'POST', `/api/v1/visits/people/${people.mental}/visits`, visit('draft-mental-bad1', { answers: { dangerGrade: 7 }, nextRisk: 'red' }));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['answers.dangerGrade', 'answers.guardian', 'answers.medication']);
  });

  it('asks the health centre and the police station to sign a mental disorder visit that found danger; a member may not visit', async () => {
    const answers = { guardian: secrets.guardian, dangerGrade: 4, medication: '未服药' };
    expect((await request('member0101', 'POST', `/api/v1/visits/people/${people.mental}/visits`, visit('draft-mental-0001', { answers, nextRisk: 'red' }))).status).toBe(403);
    const done = await request('grid0101', 'POST', `/api/v1/visits/people/${people.mental}/visits`, visit('draft-mental-0001', { answers, nextRisk: 'red' }));
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.visit.signOff).toEqual({ required: ['health', 'police_station'], signed: [], complete: false });

    const signOff = `/api/v1/visits/records/${done.body.visit.id}/sign-off`;
    for (const stranger of ['health02', 'justice01', 'grid0101', 'cm-a', 'resident01']) expect((await request(stranger, 'POST', signOff, {})).status, stranger).toBe(403);
    expect((await request(undefined, 'POST', signOff, {})).status).toBe(401);
    expect((await request('health01', 'POST', '/api/v1/visits/records/no-such-visit/sign-off', {})).status).toBe(404);
    expect((await request('health01', 'POST', signOff, { note: '短' })).status).toBe(400);

    const health = await request('health01', 'POST', signOff, { note: '已安排社区医生随访' });
    expect(health.status, JSON.stringify(health.body)).toBe(200);
    expect(health.body.findings).toBeTruthy();
    expect(health.body.answers).toMatchObject({ dangerGrade: 4 });
    expect(health.body.signOff).toEqual({ required: ['health', 'police_station'], signed: [{ unitType: 'health', unitCode: 'U-ST01-HEALTHC', at: expect.any(String) }], complete: false });
    expect((await request('health01', 'POST', signOff, {})).status).toBe(409);

    const police = await request('policex1', 'POST', signOff, {});
    expect(police.status, JSON.stringify(police.body)).toBe(200);
    expect(police.body.signOff.complete).toBe(true);
    const signLines = (await request('cm-a', 'GET', '/api/v1/visits/audit?limit=50')).body.items.filter((line: { action: string }) => line.action === 'sign');
    expect(signLines.map((line: { actor: { id: string }; personId: string }) => line.personId)).toEqual([people.mental, people.mental]);
    expect(signLines.map((line: { reason: string | null }) => line.reason)).toContain('已安排社区医生随访');
  });
});

describe('unmasking and the audit trail', () => {
  it('shows one field in clear only with a reason, and records who, when, which field and why', async () => {
    expect((await request('member0101', 'POST', `/api/v1/visits/people/${people.elderly}/unmask`, { field: 'phone' })).status).toBe(400);
    expect((await request('health01', 'POST', `/api/v1/visits/people/${people.elderly}/unmask`, { field: 'phone', reason: '核实紧急联系电话' })).status).toBe(403);
    app.clock.set('2026-09-30T08:00:00+08:00');
    const phone = await request('member0101', 'POST', `/api/v1/visits/people/${people.elderly}/unmask`, { field: 'phone', reason: '核实紧急联系电话' });
    expect(phone.body).toEqual({ field: 'phone', value: secrets.phone });
    app.clock.advance(60_000);
    const visits = await request('cm-a', 'POST', `/api/v1/visits/people/${people.elderly}/unmask`, { field: 'visits', reason: '核对扶手隐患整改' });
    expect(visits.body.value[0]).toMatchObject({ findings: secrets.findings, point: { lng: 117.301234, lat: 31.812345 }, answers: { healthNote: '血压偏高' } });

    const trail = await request('cm-a', 'GET', '/api/v1/visits/audit?limit=100');
    expect(trail.status).toBe(200);
    const unmasks = trail.body.items.filter((e: { action: string }) => e.action === 'unmask');
    expect(unmasks.slice(0, 2)).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ id: (await app.actor('cm-a')).id }), personId: people.elderly, field: 'visits', reason: '核对扶手隐患整改', at: '2026-09-30T00:01:00.000Z' }),
      expect.objectContaining({ actor: expect.objectContaining({ id: (await app.actor('member0101')).id, role: 'grid_member' }), personId: people.elderly, field: 'phone', reason: '核实紧急联系电话', at: '2026-09-30T00:00:00.000Z' }),
    ]);
    // Refused attempts read nothing and leave no unmask line.
    expect(unmasks).toHaveLength(2);
  });

  it('has a read line for every record answered, and a list line for every person listed', async () => {
    const all: { action: string; personId: string; actor: { id: string } }[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { action: string; personId: string; actor: { id: string } }[]; nextCursor: string | null } } = await request('cm-a', 'GET', `/api/v1/visits/audit?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    const reads = (username: string) => app.actor(username).then((a) => all.filter((e) => e.action === 'read' && e.actor.id === a.id).map((e) => e.personId).sort());
    // The matrix test read each of the three once per account; refusals leave no read line.
    expect(await reads('health01')).toEqual([people.mental]);
    expect(await reads('justice01')).toEqual([people.correction]);
    expect(await reads('admin')).toEqual([]);
    expect(all.filter((e) => e.action === 'register')).toHaveLength(3);
    expect(all.filter((e) => e.action === 'visit')).toHaveLength(2);
    expect(all.some((e) => e.action === 'list')).toBe(true);
  });

  it('is for the community committee only', async () => {
    for (const username of ['grid0101', 'member0101', 'health01', 'street01', 'admin', 'resident01']) expect((await request(username, 'GET', '/api/v1/visits/audit')).status, username).toBe(403);
    const other = await request('cm-other', 'GET', '/api/v1/visits/audit');
    expect(other.body.items).toEqual([]);
  });

  it('cannot be edited through the store: lines are added and listed; only the purge blanks a person’s reasons and the retention deletes by age', () => {
    const store = mongoVisitStore(app.database);
    expect(Object.keys(store).filter((name) => /audit/i.test(name)).sort()).toEqual(['appendAudit', 'blankAuditReasonsOf', 'deleteAuditBefore', 'listAudit']);
  });
});

describe('encryption at rest', () => {
  it('leaves no plaintext in the raw collections', async () => {
    const db = app.database.connection.db!;
    const raw = JSON.stringify([
      await db.collection('visit_people').find({}).toArray(),
      await db.collection('visit_records').find({}).toArray(),
      await db.collection('visit_audit').find({}).toArray(),
    ]);
    expect(raw.length).toBeGreaterThan(1000);
    for (const secret of [...Object.values(secrets), '王五', '赵六', '血压偏高', '117.301234', '未服药']) expect(raw, secret).not.toContain(secret);
  });

  it('re-encrypts every field under a new key, and the old key is no longer needed', async () => {
    const old = app.wiring.visitKeys!;
    const next = { id: 'test2', key: randomBytes(32) };
    const store = mongoVisitStore(app.database);
    const moved = await rekeyVisits({ visits: store, sealer: fieldSealer([next, ...old]) });
    expect(moved).toEqual({ people: 3, visits: 2 });
    expect(await rekeyVisits({ visits: store, sealer: fieldSealer([next, ...old]) })).toEqual({ people: 0, visits: 0 });
    const person = (await store.findPerson(people.elderly))!;
    expect(Object.values(person.sealed).every((s) => s.startsWith('g1.test2.'))).toBe(true);
    expect(fieldSealer([next]).open(person.sealed.name!, `person:${people.elderly}:name`)).toBe(secrets.name);
  });
});

describe('telling the owning department', () => {
  const notifyVisit = (draftId: string, extra: Record<string, unknown>) => ({
    draftId,
    method: 'in_person',
    met: true,
    answers: { livesAlone: true, healthNote: '血压偏高', emergencyContactReachable: true },
    findings: secrets.findings,
    nextRisk: 'yellow',
    ...extra,
  });

  it('tells the owning department of the street when asked, once however often the draft is sent, naming no one', async () => {
    const body = notifyVisit('draft-notify-0001', { visitedAt: '2026-09-29T09:40:00+08:00', notifyDepartment: true });
    const first = await request('member0101', 'POST', `/api/v1/visits/people/${people.elderly}/visits`, body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const owners = app.reference.units.filter((unit) => unit.type === 'civil_affairs' && (!unit.streetCode || unit.streetCode === 'ST01'));
    expect(owners.length).toBeGreaterThan(0);
    expect(first.body.notified.map((one: { unitCode: string }) => one.unitCode).sort()).toEqual(owners.map((unit) => unit.code).sort());
    const again = await request('member0101', 'POST', `/api/v1/visits/people/${people.elderly}/visits`, body);
    expect(again.body).toMatchObject({ replayed: true, notified: first.body.notified });

    const inbox = await request('civil', 'GET', '/api/v1/messages?limit=50');
    const told = inbox.body.items.filter((message: { text: string }) => message.text.includes(first.body.visit.id));
    expect(told).toHaveLength(1);
    expect(told[0].subject).toEqual({ kind: 'visits' });
    expect(JSON.stringify(told)).not.toMatch(new RegExp(`${secrets.name}|${secrets.address}|独居`));
    const unasked = await request('member0101', 'POST', `/api/v1/visits/people/${people.elderly}/visits`, notifyVisit('draft-quiet-0001', { visitedAt: '2026-09-29T09:50:00+08:00' }));
    expect(unasked.body.notified).toEqual([]);
  });

});

describe('figures of the register', () => {
  it('counts a slice by category with every group under 5 hidden, names no one, and shows nothing to a resident', async () => {
    const before = await request('cm-a', 'GET', '/api/v1/visits/summary');
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    const elderlyOf = (body: { categories: { category: { code: string } }[] }) => body.categories.find((row) => row.category.code === 'elderly_alone');
    expect(elderlyOf(before.body)).toMatchObject({ people: null, byRisk: { red: null, yellow: null, blue: null } });

    for (let i = 0; i < 5; i += 1) {
      const added = await request('grid0101', 'POST', '/api/v1/visits/people', { categoryCode: 'elderly_alone', risk: 'yellow', compoundCode: compoundA, ...personFields, name: `孙${i}老` });
      expect(added.status).toBe(201);
    }
    const after = await request('cm-a', 'GET', '/api/v1/visits/summary');
    const elderly = elderlyOf(after.body)!;
    expect(elderly).toMatchObject({ people: expect.any(Number), byRisk: { red: null, blue: null } });
    expect((elderly as unknown as { people: number }).people).toBeGreaterThanOrEqual(5);
    expect(after.body.threshold).toBe(5);
    expect(JSON.stringify(after.body)).not.toMatch(new RegExp(`${secrets.name}|孙0老|${secrets.phone}`));
    expect((await request('resident01', 'GET', '/api/v1/visits/summary')).status).toBe(403);
    expect((await request(undefined, 'GET', '/api/v1/visits/summary')).status).toBe(401);
  });
});
