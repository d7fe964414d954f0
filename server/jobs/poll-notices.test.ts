import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pollNoticeKey, type PollNoticeKind } from '../../shared/polls/notices';
import { recordFinalResults, relayPollNotices } from '../commands/polls/notices';
import type { JobOf } from './handlers/types';
import { effectHandlers } from './handlers';
import { mongoInboxStore } from '../db/inbox-store';
import { mongoJobStore } from '../db/job-store';
import { mongoMembershipStore } from '../db/membership-store';
import { mongoPollStore } from '../db/poll-store';
import { inProcessEventBus } from '../realtime/in-process-bus';
import { startTestApp, type TestApp } from '../testing/app';
import { testRunner } from '../testing/jobs';
import { countNow, openedPoll, shedPollDraft, verifiedResidents, type TestResident } from '../testing/polls';
import type { FakeWeChat } from '../wechat/fake-server';

/**
 * A poll's notices to its voters on the real engine: opening, results out and cancelling, through
 * the poll document's outbox, the job queue, the inbox and the fake WeChat server. In C001,
 * resident01 has a verified home, resident04 a pending claim; resident02 lives elsewhere.
 */

let app: TestApp;
let fake: FakeWeChat;
let neighbours: TestResident[];
beforeAll(async () => {
  app = await startTestApp({ label: 'poll_notices', wechat: true });
  fake = app.fakeWeChat!;
  for (const username of ['resident01', 'resident02', 'resident04']) {
    await app.database.models.Account.updateOne({ username }, { $set: { openid: `o-${username}` } });
  }
  neighbours = await verifiedResidents(app, 3, { prefix: 'notice' });
});
afterAll(async () => app?.close());
beforeEach(() => {
  fake.messages.length = 0;
});

const drain = () => testRunner(app).drain();
const hours = (n: number) => n * 3_600_000;
const at = (ms: number) => new Date(app.clock.now().getTime() + ms).toISOString();
const idOf = async (username: string) => String((await app.database.models.Account.findOne({ username }).lean())!._id);
const polls = () => mongoPollStore(app.database);
const noticeDeps = () => ({ polls: polls(), memberships: mongoMembershipStore(app.database), jobs: mongoJobStore(app.database), now: app.clock.now });

/** The inbox messages of one notice, by recipient. */
async function inboxOf(pollId: string, kind: PollNoticeKind) {
  return app.database.models.InboxMessage.find({ effectKey: pollNoticeKey(pollId, kind) }).lean();
}
/** How many messages of the notice each inbox holds. */
async function perInbox(pollId: string, kind: PollNoticeKind): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const message of await inboxOf(pollId, kind)) counts.set(message.recipient, (counts.get(message.recipient) ?? 0) + 1);
  return counts;
}
/** The accounts with a verified home in C001: the compound poll's voters. */
const verifiedInC001 = async () =>
  (await app.database.models.AccountMemberships.find({ 'homes.compoundCode': 'C001' }).lean())
    .filter((account) => account.homes.some((home) => home.compoundCode === 'C001' && home.status === 'verified'))
    .map((account) => String(account._id))
    .sort();

const firstOptions = (poll: { questions: { id: string; options: { id: string }[] }[] }) => Object.fromEntries(poll.questions.map((q) => [q.id, [q.options[0]!.id]]));
const vote = (resident: TestResident, poll: { id: string; questions: { id: string; options: { id: string }[] }[] }) =>
  app.server.request('POST', `/api/v1/polls/${poll.id}/votes`, { token: resident.token, body: { choices: firstOptions(poll) } });
const close = async (poll: { id: string }) => {
  const current = (await polls().findById(poll.id))!;
  const closed = await app.server.request('POST', `/api/v1/polls/${poll.id}/close`, { token: await app.token('community01'), body: { version: current.version } });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
};

describe('a poll opens', () => {
  it('puts exactly one message in each eligible resident’s inbox and none in another compound’s or an unverified one’s', async () => {
    const poll = await openedPoll(app, shedPollDraft(app));
    await drain();

    const inboxes = await perInbox(poll.id, 'opened');
    const eligible = await verifiedInC001();
    expect([...inboxes.keys()].sort()).toEqual(eligible.map((id) => `account:${id}`).sort());
    expect([...inboxes.values()].every((n) => n === 1)).toBe(true);
    for (const resident of [await idOf('resident01'), ...neighbours.map((n) => n.id)]) expect(inboxes.get(`account:${resident}`)).toBe(1);
    for (const outsider of ['resident02', 'resident04']) expect(inboxes.has(`account:${await idOf(outsider)}`)).toBe(false);

    const [message] = await inboxOf(poll.id, 'opened');
    expect(message).toMatchObject({ template: 'poll.opened', poll: { id: poll.id, title: '是否在3栋北侧建设电动自行车充电车棚' } });
    expect(message!.text).toMatch(/^议事投票「是否在3栋北侧建设电动自行车充电车棚」已开始，2026年03月16日 09:00 截止/);
  });

  it('shows the message to the resident with the poll as its subject, and a case message keeps its case fields', async () => {
    const poll = await openedPoll(app, shedPollDraft(app, { title: '小区南门是否增设非机动车道闸' }));
    await drain();
    const listed = await app.server.request('GET', '/api/v1/messages?limit=50', { token: neighbours[0]!.token });
    expect(listed.status).toBe(200);
    const item = (listed.body as { items: Record<string, unknown>[] }).items.find((one) => (one.subject as { id: string }).id === poll.id);
    expect(item).toMatchObject({ subject: { kind: 'poll', id: poll.id, title: '小区南门是否增设非机动车道闸' }, template: 'poll.opened', read: false, inbox: 'mine' });
    expect(item).not.toHaveProperty('caseId');
  });

  it('tells a poll opened ahead of its window when voting will start', async () => {
    const poll = await openedPoll(app, shedPollDraft(app, { opensAt: at(hours(24)), closesAt: at(hours(72)) }));
    await drain();
    const [message] = await inboxOf(poll.id, 'opened');
    expect(message!.text).toContain('将于 2026年03月10日 09:00 开始，2026年03月12日 09:00 截止');
  });

  it('tells every verified member of each household in a per-household poll', async () => {
    const building = app.reference.compounds.get('C001')!.buildings[1]!.code;
    const family = await verifiedResidents(app, 4, { prefix: 'family', buildingCode: building, perRoom: 2 });
    const poll = await openedPoll(app, shedPollDraft(app, { votesPer: 'household', scope: { kind: 'buildings', compoundCode: 'C001', buildingCodes: [building] } }));
    await drain();
    const inboxes = await perInbox(poll.id, 'opened');
    for (const member of family) expect(inboxes.get(`account:${member.id}`)).toBe(1);
    expect(inboxes.has(`account:${neighbours[0]!.id}`)).toBe(false);
  });

  it('sends a WeChat message to each consenting resident through the fake server, and none to one who gave no consent', async () => {
    const consent = await app.server.request('POST', '/api/v1/wechat/subscriptions', { token: await app.token('resident01'), body: { 'tmpl-poll-open': 'accept' } });
    expect(consent.status, JSON.stringify(consent.body)).toBe(200);
    const poll = await openedPoll(app, shedPollDraft(app, { title: '是否更换2栋电梯' }));
    await drain();
    const sent = fake.messages.map(({ kind, body }) => [kind, body.touser, body.template_id, body.page, (body.data as Record<string, { value: string }>).thing1?.value]);
    expect(sent).toEqual([['subscribe', 'o-resident01', 'tmpl-poll-open', `community/poll/index?id=${poll.id}`, '是否更换2栋电梯']]);
    // The others are recorded as inbox only, for want of WeChat or of a consent.
    const deliveries = await app.database.connection.db!.collection('wechat_deliveries').find({ caseId: poll.id }).toArray();
    expect(deliveries.filter((d) => d.status === 'sent')).toHaveLength(1);
    expect(deliveries).toHaveLength((await verifiedInC001()).length);
  });
});

describe('exactly once, whatever crashes', () => {
  it('a repeat of the notice job adds no message and queues no second WeChat message', async () => {
    const poll = await openedPoll(app, shedPollDraft(app));
    await drain();
    const before = (await inboxOf(poll.id, 'opened')).length;
    const wechatJobs = await app.database.models.Job.countDocuments({ _id: { $regex: `^wechat:poll:${poll.id}:` } });
    const job = (await mongoJobStore(app.database).findById(pollNoticeKey(poll.id, 'opened')))!;
    expect(job.status).toBe('done');
    const deps = { followers: undefined as never, inbox: mongoInboxStore(app.database), bus: inProcessEventBus(), jobs: mongoJobStore(app.database), polls: { polls: polls(), memberships: mongoMembershipStore(app.database) }, now: app.clock.now };
    await effectHandlers['poll.notice'](job as JobOf<'poll.notice'>, deps);
    await drain();
    expect((await inboxOf(poll.id, 'opened')).length).toBe(before);
    expect(await app.database.models.Job.countDocuments({ _id: { $regex: `^wechat:poll:${poll.id}:` } })).toBe(wechatJobs);
  });

  it('the open and its pending notice are one write; a relay that dies after queueing queues nothing twice', async () => {
    const poll = await openedPoll(app, shedPollDraft(app));
    expect((await polls().findById(poll.id))!.pendingNotices).toEqual(['opened']);
    // The relay copies the notice into the queue and dies before removing it from the poll.
    const jobs = mongoJobStore(app.database);
    const dying = { ...noticeDeps(), polls: { ...polls(), clearPendingNotices: () => Promise.reject(new Error('进程中断')) } };
    await expect(relayPollNotices(dying)).rejects.toThrow('进程中断');
    expect((await polls().findById(poll.id))!.pendingNotices).toEqual(['opened']);
    expect(await relayPollNotices(noticeDeps())).toBeGreaterThanOrEqual(1);
    expect((await polls().findById(poll.id))!.pendingNotices).toEqual([]);
    expect(await app.database.models.Job.countDocuments({ _id: pollNoticeKey(poll.id, 'opened') })).toBe(1);
    expect((await jobs.findById(pollNoticeKey(poll.id, 'opened')))!.kind).toBe('poll.notice');
    await drain();
    expect([...(await perInbox(poll.id, 'opened')).values()].every((n) => n === 1)).toBe(true);
  });
});

describe('results and cancellation', () => {
  it('tells the voters the results once the poll has closed and its last batch is counted, and only then', async () => {
    const poll = await openedPoll(app, shedPollDraft(app, { resultsVisibility: 'after_close', title: '是否调整小区停车收费标准' }));
    await drain();
    for (const neighbour of neighbours) expect((await vote(neighbour, poll)).status).toBe(201);
    await close(poll);
    // Ended with three ballots still waiting for the count: no result to announce yet.
    expect(await recordFinalResults(noticeDeps())).toBe(0);
    expect((await polls().findById(poll.id))!.notices?.results).toBeUndefined();
    await countNow(app);
    await drain();

    const inboxes = await perInbox(poll.id, 'results');
    expect([...inboxes.keys()].sort()).toEqual((await verifiedInC001()).map((id) => `account:${id}`));
    expect([...inboxes.values()].every((n) => n === 1)).toBe(true);
    const [message] = await inboxOf(poll.id, 'results');
    const eligible = (await verifiedInC001()).length;
    expect(message!.text).toBe(`议事投票「是否调整小区停车收费标准」结果已公布：共 3 票，参与率 ${Math.round((3 / eligible) * 1000) / 10}%，表决通过`);
    expect((await polls().findById(poll.id))!.eligibleAtEnd).toBe(eligible);

    // Later passes find the results announced: nothing more.
    await drain();
    expect((await inboxOf(poll.id, 'results')).length).toBe(inboxes.size);
  });

  it('tells the voters of a poll whose voting window simply ran out, without anyone closing it', async () => {
    const poll = await openedPoll(app, shedPollDraft(app, { closesAt: at(hours(2)) }));
    await drain();
    app.clock.advance(hours(3));
    await drain();
    expect((await perInbox(poll.id, 'results')).size).toBe((await verifiedInC001()).length);
  });

  it('tells those who could vote that an opened poll was cancelled, and tells no one of a cancelled draft', async () => {
    const token = await app.token('community01');
    const poll = await openedPoll(app, shedPollDraft(app, { title: '是否改造小区健身广场' }));
    const current = (await polls().findById(poll.id))!;
    expect((await app.server.request('POST', `/api/v1/polls/${poll.id}/cancel`, { token, body: { version: current.version, reason: '方案需重新论证' } })).status).toBe(200);
    const draft = (await app.server.request('POST', '/api/v1/polls', { token, body: shedPollDraft(app) })).body as { id: string; version: number };
    expect((await app.server.request('POST', `/api/v1/polls/${draft.id}/cancel`, { token, body: { version: draft.version, reason: '重复发起' } })).status).toBe(200);
    await drain();

    expect((await perInbox(poll.id, 'cancelled')).size).toBe((await verifiedInC001()).length);
    const [message] = await inboxOf(poll.id, 'cancelled');
    expect(message!.text).toBe('议事投票「是否改造小区健身广场」已取消：方案需重新论证');
    expect(await perInbox(poll.id, 'results')).toEqual(new Map());
    expect(await app.database.models.InboxMessage.countDocuments({ 'poll.id': draft.id })).toBe(0);
  });
});
