import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollViewSchema, pollResultsSchema } from '../../../shared/api/polls';
import { startTestApp, type TestApp } from '../../testing/app';
import { act, file, uploadPhoto } from '../../testing/cases';
import { countNow, openedPoll, shedPollDraft, verifiedResidents, type TestResident } from '../../testing/polls';

// The demo district: C001 is resident01's compound (verified home), community01's and grid 0101's;
// its property company is pm01; resident04–06 have pending claims there; resident02 lives elsewhere.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'poll-stories' });
});
afterAll(async () => app?.close());

const as = async (who: string | TestResident) => (typeof who === 'string' ? await app.token(who) : who.token);
const call = async (who: string | TestResident | undefined, method: string, path: string, body?: unknown) =>
  app.server.request(method, `/api/v1${path}`, { ...(who ? { token: await as(who) } : {}), ...(body === undefined ? {} : { body }) });

describe('the e-bike shed: complaints, a poll, votes, a decision, a case, resolved', () => {
  it('runs from the residents’ complaints to the shed the property company built, each step visible to the residents', async () => {
    // Complaints: e-bikes charged in the stairwells.
    for (const description of ['3栋楼道里停了好几辆电动车，还拉线充电，太危险了', '楼道电动车飞线充电，晚上都不敢走']) {
      const complaint = await file(app, 'resident01', { subcategoryCode: '05.03', description, compoundCode: 'C001' });
      expect(complaint.status).toBe('submitted');
    }

    // The committee asks.
    const poll = await openedPoll(app, shedPollDraft(app));
    const [agree, disagree] = poll.questions[0]!.options.map((option) => option.id);
    const [charging, cameras] = poll.questions[1]!.options.map((option) => option.id);
    const q1 = poll.questions[0]!.id;
    const q2 = poll.questions[1]!.id;

    // Residents answer once each; others are told why they cannot.
    const neighbours = await verifiedResidents(app, 4, { prefix: 'shed' });
    const ballots = [
      { who: 'resident01', choices: { [q1]: [agree!], [q2]: [charging!, cameras!] } },
      { who: neighbours[0]!, choices: { [q1]: [agree!], [q2]: [charging!] } },
      { who: neighbours[1]!, choices: { [q1]: [agree!], [q2]: [cameras!] } },
      { who: neighbours[2]!, choices: { [q1]: [disagree!], [q2]: [charging!] } },
    ];
    const receipts: string[] = [];
    for (const ballot of ballots) {
      const voted = await call(ballot.who, 'POST', `/polls/${poll.id}/votes`, { choices: ballot.choices });
      expect(voted.status, JSON.stringify(voted.body)).toBe(201);
      expect(voted.body.receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      receipts.push(voted.body.receipt);
    }
    expect((await call('resident02', 'POST', `/polls/${poll.id}/votes`, { choices: ballots[0]!.choices })).body.error.code).toBe('poll.outside_scope');
    expect((await call('resident04', 'POST', `/polls/${poll.id}/votes`, { choices: ballots[0]!.choices })).body.error.code).toBe('poll.unverified');

    // The voter's receipt shows their ballot, pending until the count, then counted.
    const before = await call('resident01', 'POST', `/polls/${poll.id}/receipt`, { receipt: receipts[0] });
    expect(before.body).toEqual({ status: 'pending', choices: ballots[0]!.choices });

    // The committee ends the vote; the count makes the result final.
    const page = pollViewSchema.parse((await call('community01', 'GET', `/polls/${poll.id}`)).body);
    await call('community01', 'POST', `/polls/${poll.id}/close`, { version: page.version });
    await countNow(app);
    const after = await call('resident01', 'POST', `/polls/${poll.id}/receipt`, { receipt: receipts[0] });
    expect(after.body).toEqual({ status: 'counted', choices: ballots[0]!.choices });

    const results = pollResultsSchema.parse((await call('resident01', 'GET', `/polls/${poll.id}/results`)).body);
    expect(results).toMatchObject({ ballots: 4, final: true, passed: true, quorumMet: null });
    expect(results.counts[q1]).toEqual({ [agree!]: 3, [disagree!]: 1, [poll.questions[0]!.options[2]!.id]: 0 });
    expect(results.counts[q2]).toMatchObject({ [charging!]: 3, [cameras!]: 2 });
    // resident01, the four neighbours (three voted) and resident04–06 pending (not eligible): 5 verified in C001 at least.
    expect(results.eligible).toBeGreaterThanOrEqual(5);

    // The decision, and the case it becomes, linked both ways.
    const decided = await call('community01', 'POST', `/polls/${poll.id}/decision`, {
      decision: '同意在3栋北侧建设电动自行车充电车棚，由物业在30日内完成',
      minutes: '投票结果：同意3票，不同意1票。议事会确认结果，交由物业实施。',
      meeting: { heldAt: app.clock.now().toISOString(), place: '社区议事厅', attendance: 12 },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const filed = await call('community01', 'POST', `/polls/${poll.id}/decision/case`, { subcategoryCode: '05.03', title: '建设3栋北侧电动自行车充电车棚', description: '按议事协商决定，在3栋北侧空地建设带智能充电桩的车棚' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const caseView = (await call('community01', 'GET', `/cases/${filed.body.caseId}`)).body;
    expect(caseView).toMatchObject({ source: 'consultation', origin: { kind: 'poll', id: poll.id }, compound: { code: 'C001' } });
    const residentView = pollViewSchema.parse((await call('resident01', 'GET', `/polls/${poll.id}`)).body);
    expect(residentView.decision?.cases).toEqual([expect.objectContaining({ id: filed.body.caseId, number: filed.body.number })]);

    // The case is handled like any other, and the residents see it resolved from the poll.
    await act(app, 'street01', filed.body.caseId, 'accept');
    await act(app, 'street01', filed.body.caseId, 'dispatch', { leadUnitCode: 'U-PM-030', leadUnitType: 'property_company' });
    await act(app, 'pm01', filed.body.caseId, 'claim', { note: '物业已安排施工队' });
    await act(app, 'pm01', filed.body.caseId, 'resolve', { note: '车棚已建成，安装充电桩12个，楼道电动车已清理', photos: [await uploadPhoto(app, 'pm01')] });
    expect(pollViewSchema.parse((await call('resident01', 'GET', `/polls/${poll.id}`)).body).decision?.cases[0]?.status).toBe('已回单');
    await act(app, 'member0101', filed.body.caseId, 'verify', { note: '现场核查：车棚已投入使用' });
    await act(app, 'street01', filed.body.caseId, 'close');
    expect(pollViewSchema.parse((await call('resident01', 'GET', `/polls/${poll.id}`)).body).decision?.cases[0]?.status).toBe('已结案');
  });
});
