import { baoheCatalog } from '../../shared/catalog/baohe-catalog';
import { actorFromAccount, type Actor } from '../../shared/domain/roles';
import { cachedIdentities } from '../auth/identity';
import { memoryAccountStore } from '../memory/account-store';
import type { CaseCommandDeps } from '../commands/ports';
import { bindUseCases } from '../commands/use-cases';
import { memoryCaseStore } from '../memory/case-store';
import { memoryCatalogStore } from '../memory/catalog-store';
import { memoryJobStore } from '../memory/job-store';
import { memoryInboxStore } from '../memory/inbox-store';
import { memoryConsentStore } from '../memory/consent-store';
import { memoryMembershipStore, memoryRosterStore } from '../memory/membership-store';
import { defaultWeChatMessagesConfig } from '../../shared/wechat-messages/messages-config';
import { memoryPhotoPort } from '../memory/photo-port';
import { memoryStatsStore } from '../memory/stats-store';
import { memoryOpen311Store } from '../memory/open311-store';
import { memoryReference } from '../memory/reference';
import { raceGate } from './barrier';
import { testClock, type TestClock } from './clock';
import { buildFixtureDistrict } from './fixture-district';

/**
 * The case use cases on in-memory adapters over the fixture district: what use-case tests start
 * from, with no engine. Accounts are the fixture's, with ids `acct:<username>`.
 */
export function memoryWorld(options: { clock?: TestClock } = {}) {
  const district = buildFixtureDistrict();
  const clock = options.clock ?? testClock();
  const gate = raceGate();
  const store = memoryCaseStore();
  const photos = memoryPhotoPort();
  const catalogs = memoryCatalogStore([baoheCatalog]);
  const reference = memoryReference(district, catalogs);
  const jobs = memoryJobStore();
  const inbox = memoryInboxStore();
  const stats = memoryStatsStore();
  const deps: CaseCommandDeps = { store: gate.wrap(store), reference, photos, now: clock.now };
  const actor = (username: string): Actor => {
    const account = district.accounts.find((candidate) => candidate.username === username);
    if (!account) throw new Error(`no fixture account ${username}`);
    const actor = actorFromAccount({ id: `acct:${username}`, role: account.role, name: account.displayName, scope: account.scope });
    if (!actor) throw new Error(`fixture account ${username} lacks the scope its role needs`);
    return actor;
  };
  const accountStore = memoryAccountStore(
    district.accounts.map((account) => ({
      id: `acct:${account.username}`,
      kind: 'password' as const,
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      scope: account.scope,
      disabled: false,
      credentialGeneration: 0,
      revision: 0,
      createdAt: new Date(0),
      updatedAt: new Date(0),
      audit: [],
    })),
  );
  const accountAdmin = { store: accountStore, identities: cachedIdentities(accountStore), reference, hashPassword: async (password: string) => `plain:${password}`, now: clock.now };
  const useCases = bindUseCases({
    cases: deps.store,
    followers: store.followers,
    photos,
    catalogs,
    jobs,
    inbox,
    consents: memoryConsentStore(),
    subscribeTemplates: defaultWeChatMessagesConfig.subscribeTemplates,
    accountAdmin,
    reference,
    memberships: memoryMembershipStore(),
    rosters: memoryRosterStore(),
    // Polls are exercised on the real engine only (their secrecy is a property of the stored documents).
    polls: unavailable('polls'),
    pollComments: unavailable('pollComments'),
    stats,
    open311: memoryOpen311Store(),
    now: clock.now,
    photoLibrary: {
      heicSupported: false,
      store: async () => ({ ok: false, problem: 'unreadable' }),
      find: async () => undefined,
      filePath: () => {
        throw new Error('no photo files in memory');
      },
    },
    accounts: {
      findByLoginKey: async () => undefined,
      findOrCreateWeChatResident: async () => {
        throw new Error('no accounts in memory');
      },
    },
    health: { engine: 'ferretdb', pingDatabase: async () => true },
  });
  return { district, clock, gate, store, photos, catalogs, jobs, inbox, stats, reference, deps, useCases, actor };
}

/** A port the memory world does not offer: any use of it fails loudly, naming it. */
function unavailable<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_target, property) => () => Promise.reject(new Error(`${name}.${String(property)} is not available in the memory world: test it on the real engine`)),
  });
}
