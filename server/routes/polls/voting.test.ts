import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollResultsSchema } from '../../../shared/api/polls';
import { startTestApp, type TestApp } from '../../testing/app';
import { countNow, openedPoll, shedPollDraft, verifiedResidents, type TestResident } from '../../testing/polls';

// C001 is resident01's compound (verified, building C001-B01) and community01's; resident02 lives
// in another street; resident04 has a pending claim in C001.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'poll-voting' });
});
afterAll(async () => app?.close());

const tokenOf = async (who: string | TestResident) => (typeof who === 'string' ? await app.token(who) : who.token);
const vote = async (who: string | TestResident, pollId: string, choices: Record<string, string[]>) =>
  app.server.request('POST', `/api/v1/polls/${pollId}/votes`, { token: await tokenOf(who), body: { choices } });
/**
 * A client that retries when the server's per-address cap (429, Retry-After) refuses it: every
 * test request comes from 127.0.0.1, where real voters come from their own phones.
 */
async function voteRetrying(who: string | TestResident, pollId: string, choices: Record<string, string[]>) {
  for (;;) {
    const response = await vote(who, pollId, choices);
    if (response.status !== 429) return response;
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
  }
}
const participations = () => app.database.connection.db!.collection('poll_participations');
const ballots = () => app.database.connection.db!.collection('poll_ballots');
const hours = (n: number) => n * 3_600_000;
const at = (ms: number) => new Date(app.clock.now().getTime() + ms).toISOString();

/** A ballot answering every question of the shed poll with its first option. */
const firstOptions = (poll: { questions: { id: string; options: { id: string }[] }[] }) => Object.fromEntries(poll.questions.map((q) => [q.id, [q.options[0]!.id]]));

describe('who may vote: the eligibility matrix, each refusal a 4xx with its reason and nothing recorded', () => {
  async function draftOnly() {
    const token = await app.token('community01');
    return (await app.server.request('POST', '/api/v1/polls', { token, body: shedPollDraft(app) })).body as { id: string; version: number; questions: { id: string; options: { id: string }[] }[] };
  }
  const scenes: { name: string; poll: () => Promise<{ id: string; questions: { id: string; options: { id: string }[] }[] }>; voter: string; status: number; code: string }[] = [
    { name: 'a draft', poll: draftOnly, voter: 'resident01', status: 422, code: 'poll.draft' },
    { name: 'a poll whose window has not opened', poll: () => openedPoll(app, shedPollDraft(app, { opensAt: at(hours(2)), closesAt: at(hours(48)) })), voter: 'resident01', status: 422, code: 'poll.not_yet_open' },
    {
      name: 'a poll the committee closed',
      poll: async () => {
        const poll = await openedPoll(app, shedPollDraft(app));
        await app.server.request('POST', `/api/v1/polls/${poll.id}/close`, { token: await app.token('community01'), body: { version: poll.version } });
        return poll;
      },
      voter: 'resident01',
      status: 422,
      code: 'poll.closed',
    },
    {
      name: 'a cancelled poll',
      poll: async () => {
        const poll = await openedPoll(app, shedPollDraft(app));
        await app.server.request('POST', `/api/v1/polls/${poll.id}/cancel`, { token: await app.token('community01'), body: { version: poll.version, reason: '方案需重新论证' } });
        return poll;
      },
      voter: 'resident01',
      status: 422,
      code: 'poll.cancelled',
    },
    { name: 'staff voting', poll: () => openedPoll(app, shedPollDraft(app)), voter: 'community01', status: 403, code: 'poll.not_resident' },
    { name: 'a resident of another compound', poll: () => openedPoll(app, shedPollDraft(app)), voter: 'resident02', status: 403, code: 'poll.outside_scope' },
    { name: 'a resident whose claim is still pending', poll: () => openedPoll(app, shedPollDraft(app)), voter: 'resident04', status: 403, code: 'poll.unverified' },
    {
      name: 'a resident of a building outside the poll’s buildings',
      poll: () => openedPoll(app, shedPollDraft(app, { scope: { kind: 'buildings', compoundCode: 'C001', buildingCodes: [app.reference.compounds.get('C001')!.buildings[2]!.code] } })),
      voter: 'resident01',
      status: 403,
      code: 'poll.outside_scope',
    },
  ];

  it.each(scenes)('$name: $status $code', async ({ poll: makePoll, voter, status, code }) => {
    const poll = await makePoll();
    const before = await participations().countDocuments({ pollId: poll.id });
    const response = await vote(voter, poll.id, firstOptions(poll));
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(await participations().countDocuments({ pollId: poll.id })).toBe(before);
  });

  it('lets a verified resident of the buildings or the grid vote', async () => {
    const home = app.reference.compounds.get('C001')!;
    const inBuilding = await openedPoll(app, shedPollDraft(app, { scope: { kind: 'buildings', compoundCode: 'C001', buildingCodes: [home.buildings[0]!.code] } }));
    expect((await vote('resident01', inBuilding.id, firstOptions(inBuilding))).status).toBe(201);
    const inGrid = await openedPoll(app, shedPollDraft(app, { scope: { kind: 'grid', gridCode: home.gridCode } }), 'grid0101');
    expect((await vote('resident01', inGrid.id, firstOptions(inGrid))).status).toBe(201);
  });

  it('refuses a ballot that does not fit the questions with 422 poll.invalid_ballot naming each question, and records nothing', async () => {
    const poll = await openedPoll(app, shedPollDraft(app));
    const [q1, q2] = poll.questions;
    const bad = [
      { [q1!.id]: ['nope'], [q2!.id]: [q2!.options[0]!.id] },
      { [q1!.id]: [q1!.options[0]!.id, q1!.options[1]!.id], [q2!.id]: [q2!.options[0]!.id] },
      { [q1!.id]: [q1!.options[0]!.id] },
      { [q1!.id]: [q1!.options[0]!.id], [q2!.id]: q2!.options.map((o) => o.id) },
      { ...firstOptions(poll), q9: ['q9o1'] },
    ];
    const codes = [];
    for (const choices of bad) {
      const response = await vote('resident01', poll.id, choices);
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('poll.invalid_ballot');
      codes.push(response.body.error.details.problems.map((p: { code: string }) => p.code));
    }
    expect(codes).toEqual([['poll.unknown_option'], ['poll.too_many_choices'], ['poll.unanswered'], ['poll.too_many_choices'], ['poll.unknown_question']]);
    expect(await participations().countDocuments({ pollId: poll.id })).toBe(0);
    expect((await vote('resident01', poll.id, firstOptions(poll))).status).toBe(201);
  });

  it('counts one vote per household when the poll says so: the second resident of the room is told the household voted', async () => {
    const [first, second] = await verifiedResidents(app, 2, { prefix: 'household', perRoom: 2 });
    const poll = await openedPoll(app, shedPollDraft(app, { votesPer: 'household' }));
    expect((await vote(first!, poll.id, firstOptions(poll))).status).toBe(201);
    const again = await vote(second!, poll.id, firstOptions(poll));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('poll.already_voted');
  });
});

describe('votes at once', () => {
  it('counts 500 distinct residents voting at once exactly', async () => {
    const voters = await verifiedResidents(app, 500, { prefix: 'crowd', unit: '5' });
    const poll = await openedPoll(app, shedPollDraft(app, { scope: { kind: 'compound', compoundCode: 'C001' } }));
    const [q1, q2] = poll.questions;
    // Voter i chooses option i mod 3 of question 1, and option i mod 2 (and 2 when i mod 5 is 0) of question 2.
    const choicesOf = (i: number) => ({ [q1!.id]: [q1!.options[i % 3]!.id], [q2!.id]: i % 5 === 0 ? [q2!.options[i % 2]!.id, q2!.options[2]!.id] : [q2!.options[i % 2]!.id] });
    const answers = await Promise.all(voters.map((voter, i) => voteRetrying(voter, poll.id, choicesOf(i))));
    expect(answers.map((answer) => answer.status)).toEqual(voters.map(() => 201));
    await countNow(app);
    await app.server.request('POST', `/api/v1/polls/${poll.id}/close`, { token: await app.token('community01'), body: { version: poll.version } });
    await countNow(app);
    const results = pollResultsSchema.parse((await app.server.request('GET', `/api/v1/polls/${poll.id}/results`, { token: voters[0]!.token })).body);
    const expected = (question: number, option: number) => voters.filter((_, i) => choicesOf(i)[poll.questions[question]!.id]!.includes(poll.questions[question]!.options[option]!.id)).length;
    expect(results.ballots).toBe(500);
    expect(results.final).toBe(true);
    for (const [question, q] of poll.questions.entries()) for (const [option, o] of q.options.entries()) expect(results.counts[q.id]![o.id], `${q.id}/${o.id}`).toBe(expected(question, option));
    expect(await participations().countDocuments({ pollId: poll.id })).toBe(500);
  }, 240_000);

  it('counts one resident sending 50 votes at once exactly once: one 201, 49 times 409 poll.already_voted', async () => {
    const [voter] = await verifiedResidents(app, 1, { prefix: 'eager' });
    const poll = await openedPoll(app, shedPollDraft(app));
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => voteRetrying(voter!, poll.id, { [poll.questions[0]!.id]: [poll.questions[0]!.options[i % 3]!.id], [poll.questions[1]!.id]: [poll.questions[1]!.options[0]!.id] })));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409 && answer.body.error.code === 'poll.already_voted')).toHaveLength(49);
    expect(await participations().countDocuments({ pollId: poll.id })).toBe(1);
    await app.server.request('POST', `/api/v1/polls/${poll.id}/close`, { token: await app.token('community01'), body: { version: poll.version } });
    await countNow(app);
    expect(await ballots().countDocuments({ pollId: poll.id })).toBe(1);
  }, 60_000);
});

describe('ballot secrecy, read from the stored documents after the count', () => {
  it('leaves nothing that joins a voter to a choice: no shared id, no time, no voting order, and each receipt still finds its ballot', async () => {
    const voters = await verifiedResidents(app, 40, { prefix: 'secret', unit: '7' });
    const poll = await openedPoll(app, shedPollDraft(app, { resultsVisibility: 'after_close' }));
    const receipts: { receipt: string; choices: Record<string, string[]> }[] = [];
    for (const [i, voter] of voters.entries()) {
      const choices = { [poll.questions[0]!.id]: [poll.questions[0]!.options[i % 3]!.id], [poll.questions[1]!.id]: [poll.questions[1]!.options[i % 3]!.id] };
      const cast = await vote(voter, poll.id, choices);
      receipts.push({ receipt: cast.body.receipt, choices });
    }
    // While voting, the results of an after-close poll are nobody's, the committee's included.
    const hidden = await app.server.request('GET', `/api/v1/polls/${poll.id}/results`, { token: await app.token('community01') });
    expect(hidden.status).toBe(403);
    await countNow(app);
    expect(await ballots().countDocuments({ pollId: poll.id })).toBe(0);

    await app.server.request('POST', `/api/v1/polls/${poll.id}/close`, { token: await app.token('community01'), body: { version: poll.version } });
    await countNow(app);

    const people = await participations().find({ pollId: poll.id }).toArray();
    const counted = await ballots().find({ pollId: poll.id }).toArray();
    expect(people).toHaveLength(40);
    expect(counted).toHaveLength(40);
    // Who voted: the vote key, the poll and the home; no ballot, no receipt, no time.
    for (const person of people) expect(Object.keys(person).sort()).toEqual(['_id', 'accountId', 'buildingCode', 'householdId', 'name', 'pollId', 'room', 'unit']);
    // What was chosen: a random id, the poll, the receipt's hash and the marks; nothing of the voter, no time.
    for (const ballot of counted) {
      expect(Object.keys(ballot).sort()).toEqual(['_id', 'marks', 'pollId', 'receiptHash']);
      expect(String(ballot._id)).toMatch(/^[0-9a-f]{32}$/);
    }
    const personValues = new Set(people.flatMap((person) => Object.values(person).map(String)));
    for (const ballot of counted) for (const value of [ballot._id, ballot.receiptHash]) expect(personValues.has(String(value))).toBe(false);
    // Storage order is not voting order: the ballots were stored shuffled (40! orders; equal by chance ~1e-48).
    const byReceipt = new Map(counted.map((ballot, index) => [ballot.receiptHash as string, index]));
    const { receiptHashOf } = await import('../../commands/polls/vote');
    const storedPositions = receipts.map(({ receipt }) => byReceipt.get(receiptHashOf(poll.id, receipt)));
    expect(storedPositions).not.toEqual([...storedPositions].sort((a, b) => a! - b!));
    // The oplog-free reading above joins nothing; the voter alone, with the receipt, finds the ballot as cast.
    for (const { receipt, choices } of receipts.slice(0, 5)) {
      const checked = await app.server.request('POST', `/api/v1/polls/${poll.id}/receipt`, { token: voters[0]!.token, body: { receipt } });
      expect(checked.body).toEqual({ status: 'counted', choices });
    }
  }, 120_000);
});
