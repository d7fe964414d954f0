import { describe, expect, it } from 'vitest';
import { buildActor, buildCase, fixtures } from '../cases/testing';
import type { Actor } from '../domain/roles';
import type { Membership } from '../polls/types';
import { caseFields, disclosure, maySeeCasePhoto, maySeePhoto, relationTo, viewerRelations, type CaseField, type Disclosure, type PhotoPoll, type ViewerRelation } from './privacy';

/**
 * The expected policy, written out by hand, one line per field. S shown, M masked, H hidden.
 * Columns: filer, centre, lead unit, cohandler, staff in scope, follower, staff out of scope, public.
 */
const expected: Record<CaseField, string> = {
  //               filer centre lead cohandler scope follower out public
  title: '          S S S S S H H H',
  description: '    S S S S S H H H',
  reporterNotes: '  S S S S S H H H',
  staffNotes: '     S S S S S M M H',
  photos: '         S S S S S H H H',
  reporterName: '   S S S S S H H H',
  reporterPhone: '  S S S M M H H H',
  exactLocation: '  S S S S S M M M',
  building: '       S S S S S H H H',
  resolution: '     S S S S S M M H',
  ratingComment: '  S S S S S H H H',
  actorNames: '     S S S S S H H H',
  timelineData: '   S S S S S H H H',
  publicSummary: '  S S S S S M M M',
  publicPhotos: '   S S S S S S S S',
};

/** For an anonymous reporter, the lines that differ: only the filer and the centres know who it is. */
const expectedAnonymous: Partial<Record<CaseField, string>> = {
  reporterName: '   S S H H H H H H',
  reporterPhone: '  S S H H H H H H',
};

/** For a hotline caller who asked for secrecy, the lines that differ: the centres and the lead unit, who call back, know who called. */
const expectedSecretCaller: Partial<Record<CaseField, string>> = {
  reporterName: '   S S S H H H H H',
  reporterPhone: '  S S S H H H H H',
};

const columns: ViewerRelation[] = ['filer', 'centre', 'lead_unit', 'cohandler', 'staff_in_scope', 'follower', 'staff_out_of_scope', 'public'];
const letters: Record<string, Disclosure> = { S: 'shown', M: 'masked', H: 'hidden' };
const cell = (line: string, relation: ViewerRelation) => letters[line.trim().split(/\s+/)[columns.indexOf(relation)]];

const cells = (anonymous: boolean, secret = false) =>
  caseFields.flatMap((field) =>
    viewerRelations.map((relation) => ({
      field,
      relation,
      want: cell((anonymous ? expectedAnonymous[field] : secret ? expectedSecretCaller[field] : undefined) ?? expected[field], relation),
    })),
  );

describe('the privacy table', () => {
  it('names every field and relation the expected table names', () => {
    expect([...caseFields].sort()).toEqual(Object.keys(expected).sort());
    expect([...viewerRelations].sort()).toEqual([...columns].sort());
  });

  it.each(cells(false))('$relation sees $field: $want', ({ field, relation, want }) => {
    expect(disclosure(relation, field, { reporterAnonymous: false })).toBe(want);
  });

  it.each(cells(true))('anonymous reporter: $relation sees $field: $want', ({ field, relation, want }) => {
    expect(disclosure(relation, field, { reporterAnonymous: true })).toBe(want);
  });

  it.each(cells(false, true))('secret hotline caller: $relation sees $field: $want', ({ field, relation, want }) => {
    expect(disclosure(relation, field, { reporterAnonymous: false, callerSecret: true })).toBe(want);
  });

  it('keeps an anonymous secret caller to the centres: anonymity is the stricter rule', () => {
    expect(disclosure('lead_unit', 'reporterPhone', { reporterAnonymous: true, callerSecret: true })).toBe('hidden');
    expect(disclosure('centre', 'reporterPhone', { reporterAnonymous: true, callerSecret: true })).toBe('shown');
  });
});

describe('relationTo', () => {
  const record = buildCase({ status: 'in_progress', assignment: { leadUnitCode: fixtures.leadUnit.unitCode, leadUnitType: fixtures.leadUnit.unitType, cohandlers: [fixtures.cohandler] } });
  const rows: [string, Parameters<typeof relationTo>[1], ViewerRelation][] = [
    ['nobody signed in', { actor: undefined }, 'public'],
    ['the resident who filed it', { actor: buildActor('resident') }, 'filer'],
    ['a grid member who filed it from patrol', { actor: buildActor('grid_member', { gridCode: 'ST09-G01' }, { id: fixtures.reporterId }) }, 'filer'],
    ['another resident', { actor: buildActor('resident', {}, { id: 'resident-2' }) }, 'public'],
    ['another resident who follows it', { actor: buildActor('resident', {}, { id: 'resident-2' }), isFollower: true }, 'follower'],
    ['the street dispatcher of its street', { actor: buildActor('street_dispatcher') }, 'centre'],
    ['the district dispatcher', { actor: buildActor('district_dispatcher') }, 'centre'],
    ['an administrator', { actor: buildActor('admin') }, 'centre'],
    ['the lead unit', { actor: buildActor('property_manager') }, 'lead_unit'],
    ['a cohandler', { actor: buildActor('department') }, 'cohandler'],
    ['a grid member of its grid', { actor: buildActor('grid_member') }, 'staff_in_scope'],
    ['the grid leader of its grid', { actor: buildActor('grid_leader') }, 'staff_in_scope'],
    ['the residents\u2019 committee of its compound', { actor: buildActor('community') }, 'staff_in_scope'],
    ['a street dispatcher of another street', { actor: buildActor('street_dispatcher', { streetCode: fixtures.otherStreetCode }) }, 'staff_out_of_scope'],
    ['a grid member of another grid', { actor: buildActor('grid_member', { streetCode: fixtures.streetCode, gridCode: fixtures.otherGridCode }) }, 'staff_out_of_scope'],
    ['a unit not on the case', { actor: buildActor('property_manager', { unitCode: 'U-PM-999' }) }, 'staff_out_of_scope'],
    ['staff flagged as a follower stay staff', { actor: buildActor('property_manager', { unitCode: 'U-PM-999' }), isFollower: true }, 'staff_out_of_scope'],
  ];
  it.each(rows)('%s: %s', (_name, viewer, want) => {
    expect(relationTo(record, viewer)).toBe(want);
  });
});

it('keeps the street centre a centre once the district has taken the case', () => {
  expect(relationTo(buildCase({ status: 'accepted', tier: 'district' }), { actor: buildActor('street_dispatcher') })).toBe('centre');
});

describe('maySeeCasePhoto', () => {
  const record = buildCase({ status: 'in_progress', photos: ['p-home', 'p-street'], publicPhotoIds: ['p-street'] });
  it('lets the parties see every photo of the case', () => {
    expect(maySeeCasePhoto(record, { actor: buildActor('grid_member') }, 'p-home')).toBe(true);
    expect(maySeeCasePhoto(record, { actor: buildActor('resident') }, 'p-home')).toBe(true);
  });
  it('shows everyone else only the photos a centre approved', () => {
    for (const viewer of [{ actor: undefined }, { actor: buildActor('resident', {}, { id: 'r2' }), isFollower: true }, { actor: buildActor('street_dispatcher', { streetCode: 'ST02' }) }]) {
      expect(maySeeCasePhoto(record, viewer, 'p-street')).toBe(true);
      expect(maySeeCasePhoto(record, viewer, 'p-home')).toBe(false);
    }
  });
});

describe('maySeePhoto: a poll\'s background photos', () => {
  const now = new Date('2026-03-10T10:00:00+08:00');
  const day = 86_400_000;
  const { compoundCode, gridCode, streetCode } = fixtures;
  const photo = { id: 'ph-shed', ownerId: 'community-1', caseId: null, pollId: 'p1' };
  const pollOf = (state: 'draft' | 'voting' | 'ended' | 'ended_public'): PhotoPoll => ({
    id: 'p1',
    status: state === 'draft' ? 'draft' : 'open',
    scope: { kind: 'compound', compoundCode },
    compoundCode,
    gridCode,
    streetCode,
    author: { id: 'community-1', role: 'community' },
    opensAt: new Date(now.getTime() - 2 * day),
    closesAt: new Date(now.getTime() + (state.startsWith('ended') ? -day : day)),
    publicResults: state === 'ended_public',
    photoIds: ['ph-shed'],
  });
  const home = (status: Membership['status'], compound: string = compoundCode): Membership => ({ accountId: 'r1', compoundCode: compound, buildingCode: 'B1', gridCode, householdId: 'h1', relation: 'owner', status });
  const resident = buildActor('resident', {}, { id: 'r1' });
  const viewers: Record<string, { actor: Actor | undefined; memberships?: Membership[] }> = {
    author: { actor: buildActor('community', undefined, { id: 'community-1' }) },
    'resident, verified here': { actor: resident, memberships: [home('verified')] },
    'resident, pending here': { actor: resident, memberships: [home('pending')] },
    'resident, moved out': { actor: resident, memberships: [home('ended')] },
    'resident of another compound': { actor: resident, memberships: [home('verified', 'C999')] },
    'grid member of its grid': { actor: buildActor('grid_member') },
    'grid member elsewhere': { actor: buildActor('grid_member', { streetCode, gridCode: 'G-other' }) },
    'street centre': { actor: buildActor('street_dispatcher') },
    'another street': { actor: buildActor('street_dispatcher', { streetCode: 'ST-other' }) },
    'nobody signed in': { actor: undefined },
  };

  /** Y sees the photo, n gets a 404. Columns: draft, voting, ended, ended with public results. */
  const expected: Record<keyof typeof viewers, string> = {
    author: '                        Y Y Y Y',
    'resident, verified here': '     n Y Y Y',
    'resident, pending here': '      n Y Y Y',
    'resident, moved out': '         n n n Y',
    'resident of another compound': 'n n n Y',
    'grid member of its grid': '     n Y Y Y',
    'grid member elsewhere': '       n n n Y',
    'street centre': '               Y Y Y Y',
    'another street': '              n n n Y',
    'nobody signed in': '            n n n Y',
  };
  const states = ['draft', 'voting', 'ended', 'ended_public'] as const;
  const rows = Object.entries(expected).flatMap(([name, line]) => states.map((state, column) => [name, state, line.trim().split(/\s+/)[column] === 'Y'] as const));

  it.each(rows)('%s, %s poll: sees it %s', (name, state, want) => {
    const viewer = viewers[name]!;
    const facts = { memberships: viewer.memberships ?? [], compound: { gridCode, streetCode }, now };
    expect(maySeePhoto(photo, { actor: viewer.actor }, { poll: { poll: pollOf(state), facts } })).toBe(want);
  });

  it('shows a photo only with the poll that claimed it and still shows it', () => {
    const facts = { memberships: [home('verified')], compound: { gridCode, streetCode }, now };
    const viewer = { actor: resident };
    expect(maySeePhoto(photo, viewer, {})).toBe(false);
    expect(maySeePhoto(photo, viewer, { poll: { poll: { ...pollOf('voting'), id: 'p2' }, facts } })).toBe(false);
    expect(maySeePhoto(photo, viewer, { poll: { poll: { ...pollOf('voting'), photoIds: [] }, facts } })).toBe(false);
    // Once a poll holds it, its uploader sees it as the poll's readers do: a resident does not read a draft.
    expect(maySeePhoto({ ...photo, ownerId: 'r1' }, viewer, { poll: { poll: pollOf('draft'), facts } })).toBe(false);
  });
});
