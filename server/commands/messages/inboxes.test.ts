import { describe, expect, it } from 'vitest';
import { actorFromAccount, roles, type Actor, type Role, type Scope } from '../../../shared/domain/roles';
import { inboxesOf, organisationInboxOf, readersOf } from './inboxes';

const scopes: Record<Role, Scope> = {
  resident: { compoundCodes: ['C001'] },
  grid_member: { streetCode: 'ST01', gridCode: 'ST01-G01' },
  grid_leader: { streetCode: 'ST01', gridCode: 'ST01-G01' },
  community: { streetCode: 'ST01', unitCode: 'U-CM-01', compoundCodes: ['C001'] },
  property_manager: { unitCode: 'U-PM-030' },
  department: { unitCode: 'U-ST01-MARKET' },
  street_dispatcher: { streetCode: 'ST01' },
  district_dispatcher: {},
  admin: {},
};
const actorOf = (role: Role): Actor => actorFromAccount({ id: `id-${role}`, name: role, role, scope: scopes[role] })!;

describe('inbox addresses', () => {
  it('gives each actor its own inbox first, then its organisation\'s, if it has one', () => {
    expect(inboxesOf(actorOf('resident'))).toEqual(['account:id-resident']);
    expect(inboxesOf(actorOf('property_manager'))).toEqual(['account:id-property_manager', 'unit:U-PM-030']);
    expect(inboxesOf(actorOf('community'))).toEqual(['account:id-community', 'unit:U-CM-01']);
    expect(inboxesOf(actorOf('street_dispatcher'))).toEqual(['account:id-street_dispatcher', 'street:ST01']);
    expect(inboxesOf(actorOf('district_dispatcher'))).toEqual(['account:id-district_dispatcher', 'district']);
    expect(inboxesOf(actorOf('grid_member'))).toEqual(['account:id-grid_member', 'grid:ST01-G01']);
    expect(inboxesOf(actorOf('grid_leader'))).toEqual(['account:id-grid_leader', 'grid:ST01-G01', 'grid-leader:ST01-G01']);
    expect(inboxesOf(actorOf('admin'))).toEqual(['account:id-admin']);
  });

  it('names as readers of an organisation inbox exactly the roles that read it: the two directions agree', () => {
    for (const role of roles) {
      const actor = actorOf(role);
      const shared = organisationInboxOf(actor);
      if (!shared) continue;
      const readers = readersOf(shared);
      expect(readers?.kind, role).toBe('staff');
      if (readers?.kind !== 'staff') continue;
      expect(readers.roles, role).toContain(role);
      const scope = actor.scope as Scope;
      if (readers.unitCode) expect(readers.unitCode).toBe(scope.unitCode);
      if (readers.streetCode) expect(readers.streetCode).toBe(scope.streetCode);
    }
    for (const role of roles.filter((one) => !organisationInboxOf(actorOf(one)))) {
      for (const address of ['district', 'street:ST01', 'unit:U-PM-030']) {
        const readers = readersOf(address);
        expect(readers?.kind === 'staff' && readers.roles.includes(role), `${role} reads ${address}`).toBe(false);
      }
    }
  });

  it('reads an account address as that account, and knows no other address', () => {
    expect(readersOf('account:abc')).toEqual({ kind: 'account', accountId: 'abc' });
    expect(readersOf('unit:')).toBeUndefined();
    expect(readersOf('nowhere')).toBeUndefined();
  });
});
