import { expect } from 'vitest';
import type { TestApp } from './app';

/** The first compound of `username`'s grid that has a community committee: where test people live. */
export async function gridCompound(app: TestApp, username = 'grid0101') {
  const grid = (await app.actor(username)) as { scope: { gridCode: string } };
  return [...app.reference.compounds.values()].find((c) => c.gridCode === grid.scope.gridCode && app.reference.communityOf(c.code))!;
}

/** Registers a fictional elderly person living alone through the API, as the grid leader; answers the id. */
export async function registerTestPerson(app: TestApp, overrides: Record<string, unknown> = {}, username = 'grid0101'): Promise<string> {
  const compound = await gridCompound(app, username);
  const body = { categoryCode: 'elderly_alone', risk: 'yellow', compoundCode: compound.code, name: '示例老人', idNumber: '340111194001011234', address: '1栋101室', ...overrides };
  const registered = await app.server.request('POST', '/api/v1/visits/people', { token: await app.token(username), body });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  return registered.body.id as string;
}
