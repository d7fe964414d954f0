import { describe, expect, it } from 'vitest';
import type { StoredAccount } from '../commands/ports';
import { cachedIdentities } from './identity';

/** An account store of one account whose role the test changes, counting reads. */
function fakeAccounts() {
  const state = { role: 'street_dispatcher' as StoredAccount['role'], streetCode: 'ST01', reads: 0, gate: undefined as Promise<void> | undefined };
  const account = (): StoredAccount => ({
    id: 'a1', kind: 'password', displayName: '调度员', role: state.role, scope: { streetCode: state.streetCode },
    disabled: false, credentialGeneration: 0, revision: 0, createdAt: new Date(0), updatedAt: new Date(0), audit: [],
  });
  return {
    state,
    store: {
      async findById(id: string) {
        state.reads += 1;
        const snapshot = account();
        await state.gate;
        return id === 'a1' ? snapshot : { ...snapshot, id };
      },
    },
  };
}

describe('the identity cache', () => {
  it('reuses an account read within the TTL and reads again after it', async () => {
    const { state, store } = fakeAccounts();
    let now = 0;
    const identities = cachedIdentities(store, { ttlMs: 5_000, clock: () => now });
    expect((await identities.identityOf('a1'))?.actor).toMatchObject({ role: 'street_dispatcher', scope: { streetCode: 'ST01' } });
    state.streetCode = 'ST02';
    now = 4_999;
    expect((await identities.identityOf('a1'))?.actor?.scope).toEqual({ streetCode: 'ST01' });
    now = 5_000;
    expect((await identities.identityOf('a1'))?.actor?.scope).toEqual({ streetCode: 'ST02' });
    expect(state.reads).toBe(2);
  });

  it('reads again at once after forget', async () => {
    const { state, store } = fakeAccounts();
    const identities = cachedIdentities(store, { clock: () => 0 });
    await identities.identityOf('a1');
    state.role = 'admin';
    identities.forget('a1');
    expect((await identities.identityOf('a1'))?.actor?.role).toBe('admin');
  });

  it('shares one read among concurrent requests, and never keeps a read that started before forget', async () => {
    const { state, store } = fakeAccounts();
    const identities = cachedIdentities(store, { clock: () => 0 });
    let open!: () => void;
    state.gate = new Promise((resolve) => (open = resolve));
    const [first, second] = [identities.identityOf('a1'), identities.identityOf('a1')];
    identities.forget('a1');
    state.gate = undefined;
    state.streetCode = 'ST03';
    const fresh = identities.identityOf('a1');
    open();
    expect((await first)?.actor?.scope).toEqual({ streetCode: 'ST01' });
    expect(await second).toBe(await first);
    expect((await fresh)?.actor?.scope).toEqual({ streetCode: 'ST03' });
    expect((await identities.identityOf('a1'))?.actor?.scope).toEqual({ streetCode: 'ST03' });
    expect(state.reads).toBe(2);
  });

  it('holds at most maxEntries accounts, dropping the oldest', async () => {
    const { state, store } = fakeAccounts();
    const identities = cachedIdentities(store, { maxEntries: 2, clock: () => 0 });
    for (const id of ['a', 'b', 'c']) await identities.identityOf(id);
    await identities.identityOf('c');
    await identities.identityOf('b');
    expect(state.reads).toBe(3);
    await identities.identityOf('a');
    expect(state.reads).toBe(4);
  });

  it('does not remember a failed read', async () => {
    let fail = true;
    const identities = cachedIdentities(
      {
        async findById() {
          if (fail) throw new Error('connection reset');
          return undefined;
        },
      },
      { clock: () => 0 },
    );
    await expect(identities.identityOf('a1')).rejects.toThrow('connection reset');
    fail = false;
    expect(await identities.identityOf('a1')).toBeUndefined();
  });
});
