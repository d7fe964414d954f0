import { describe, expect, it } from 'vitest';
import { buildActor, buildCase, fixtures } from '../cases/testing';
import { caseFields, disclosure, maySeeCasePhoto, relationTo, viewerRelations, type CaseField, type Disclosure, type ViewerRelation } from './privacy';

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

const columns: ViewerRelation[] = ['filer', 'centre', 'lead_unit', 'cohandler', 'staff_in_scope', 'follower', 'staff_out_of_scope', 'public'];
const letters: Record<string, Disclosure> = { S: 'shown', M: 'masked', H: 'hidden' };
const cell = (line: string, relation: ViewerRelation) => letters[line.trim().split(/\s+/)[columns.indexOf(relation)]];

const cells = (anonymous: boolean) =>
  caseFields.flatMap((field) =>
    viewerRelations.map((relation) => ({
      field,
      relation,
      want: cell((anonymous ? expectedAnonymous[field] : undefined) ?? expected[field], relation),
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
