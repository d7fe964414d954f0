import { householdIdOf } from '../../shared/api/membership';
import { Types } from 'mongoose';
import { tokenIdentityOf } from '../auth/accounts';
import { signAccessToken } from '../auth/tokens';
import { countWaitingBallots } from '../commands/polls/count';
import { mongoPollStore } from '../db/poll-store';
import type { TokenConfig } from '../auth/tokens';
import type { TestApp } from './app';

/** A resident made for a test: signed in through the WeChat path, with a verified home. */
export interface TestResident {
  id: string;
  name: string;
  token: string;
  householdId: string;
}

/** What making residents needs of an app: a bench or a test over a server process has no TestApp. */
export type ResidentsHome = Pick<TestApp, 'database' | 'reference'> & { clock: { now(): Date }; deps: { config: { jwt: TokenConfig } } };

/**
 * `count` new residents with verified homes in a building, one room each (or `perRoom` to a room,
 * for household polls): accounts as WeChat sign-in creates them and memberships as a decided claim
 * stores them, written in bulk (hundreds of voters are set up in a second, not a minute).
 */
export async function verifiedResidents(
  app: ResidentsHome,
  count: number,
  options: { prefix: string; compoundCode?: string; buildingCode?: string; unit?: string; perRoom?: number },
): Promise<TestResident[]> {
  const compoundCode = options.compoundCode ?? 'C001';
  const compound = app.reference.compounds.get(compoundCode)!;
  const buildingCode = options.buildingCode ?? compound.buildings[0]!.code;
  const unit = options.unit ?? '9';
  const { Account, AccountMemberships } = app.database.models;
  const people = Array.from({ length: count }, (_, index) => ({
    _id: new Types.ObjectId(),
    loginKey: `wx:${options.prefix}-${index}`,
    openid: `${options.prefix}-${index}`,
    displayName: `居民${options.prefix}${index}`,
    role: 'resident',
    scope: {},
  }));
  await Account.insertMany(people);
  const now = app.clock.now();
  const homes = people.map((person, index) => {
    const home = { compoundCode, buildingCode, unit, room: String(1000 + Math.floor(index / (options.perRoom ?? 1))) };
    return {
      id: new Types.ObjectId().toHexString(),
      accountName: person.displayName,
      ...home,
      householdId: householdIdOf(home),
      gridCode: compound.gridCode,
      streetCode: compound.streetCode,
      relation: 'owner',
      status: 'verified',
      decidedBy: 'staff',
      decidedById: 'test',
      decidedAt: now,
      createdAt: now,
      revision: 1,
    };
  });
  await AccountMemberships.insertMany(people.map((person, index) => ({ _id: person._id.toHexString(), homes: [homes[index]!], version: 0 })));
  return people.map((person, index) => ({
    id: person._id.toHexString(),
    name: person.displayName,
    token: signAccessToken(tokenIdentityOf({ id: person._id.toHexString(), kind: 'wechat', credentialGeneration: 0 }), app.deps.config.jwt),
    householdId: homes[index]!.householdId,
  }));
}

/** The e-bike shed poll of the domain brief, as a committee writes it; `overrides` change any field. */
export function shedPollDraft(app: { clock: { now(): Date } }, overrides: Record<string, unknown> = {}) {
  const now = app.clock.now().getTime();
  return {
    title: '是否在3栋北侧建设电动自行车充电车棚',
    background: '近期多位居民反映楼道内停放电动自行车、飞线充电，存在火灾隐患。物业提出在3栋北侧空地建设带智能充电桩的车棚，费用由公共收益列支。',
    scope: { kind: 'compound', compoundCode: 'C001' },
    questions: [
      { text: '是否同意建设电动自行车充电车棚？', kind: 'single', options: [{ text: '同意' }, { text: '不同意' }, { text: '弃权' }] },
      { text: '您希望车棚提供哪些设施？（最多选2项）', kind: 'multiple', maxChoices: 2, options: [{ text: '智能充电桩' }, { text: '监控' }, { text: '雨棚' }] },
    ],
    votesPer: 'resident',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 7 * 86_400_000).toISOString(),
    resultsVisibility: 'live',
    publicResults: true,
    pass: { optionIndex: 0, threshold: 0.5, rule: 'more_than' },
    ...overrides,
  };
}

/** Drafts and opens a poll as `username` (community01 by default): its view. */
export async function openedPoll(app: TestApp, draft: Record<string, unknown>, username = 'community01') {
  const token = await app.token(username);
  const created = await app.server.request('POST', '/api/v1/polls', { token, body: draft });
  if (created.status !== 201) throw new Error(`poll not created: ${JSON.stringify(created.body)}`);
  const poll = created.body as { id: string; version: number };
  const opened = await app.server.request('POST', `/api/v1/polls/${poll.id}/open`, { token, body: { version: poll.version } });
  if (opened.status !== 200) throw new Error(`poll not opened: ${JSON.stringify(opened.body)}`);
  return opened.body as { id: string; version: number; questions: { id: string; options: { id: string }[] }[] };
}

/** Runs the count the job runner runs every few seconds, now. */
export const countNow = (app: TestApp) => countWaitingBallots({ polls: mongoPollStore(app.database), now: app.clock.now });
