import { describe, expect, it } from 'vitest';
import type { Unit } from '../domain/places';
import { chooseResponsibleUnit } from './responsibleUnit';

const unit = (code: string, type: Unit['type'], streetCode?: string): Unit => ({
  code,
  name: code,
  type,
  phone: '0551-63000000',
  ...(streetCode ? { streetCode } : {}),
});

const units: Unit[] = [
  unit('U-DC', 'district_center'),
  unit('U-ST01-TRAFFIC', 'traffic_police', 'ST01'),
  unit('U-ST02-TRAFFIC', 'traffic_police', 'ST02'),
  unit('U-MARKET', 'market_supervision'),
  unit('U-ST01-MARKET', 'market_supervision', 'ST01'),
  unit('U-ST01-SANITATION-B', 'sanitation', 'ST01'),
  unit('U-ST01-SANITATION-A', 'sanitation', 'ST01'),
  unit('U-HOUSING-B', 'housing_construction'),
  unit('U-HOUSING-A', 'housing_construction'),
  unit('U-PM-001', 'property_company'),
  unit('U-PM-002', 'property_company'),
  unit('U-ST01-CM01', 'community', 'ST01'),
  unit('U-ST01-CM02', 'community', 'ST01'),
];

const st01 = { code: 'ST01' };
const st03 = { code: 'ST03' };
const grid = { code: 'ST01-G01' };

describe('chooseResponsibleUnit', () => {
  it('sends a property case to the compound’s own property company', () => {
    const compound = { code: 'C001', propertyUnitCode: 'U-PM-002' };
    expect(chooseResponsibleUnit({ unitType: 'property_company', compound, grid, street: st01 }, units)?.code).toBe(
      'U-PM-002',
    );
  });

  it('finds no property company for a compound without one, or for a case outside any compound', () => {
    expect(
      chooseResponsibleUnit({ unitType: 'property_company', compound: { code: 'C002' }, street: st01 }, units),
    ).toBeUndefined();
    expect(chooseResponsibleUnit({ unitType: 'property_company', street: st01 }, units)).toBeUndefined();
  });

  it('does not accept a property code that names a unit of another type', () => {
    const compound = { code: 'C003', propertyUnitCode: 'U-ST01-MARKET' };
    expect(chooseResponsibleUnit({ unitType: 'property_company', compound, street: st01 }, units)).toBeUndefined();
  });

  it('prefers the street’s own unit of the type', () => {
    expect(chooseResponsibleUnit({ unitType: 'traffic_police', street: { code: 'ST02' } }, units)?.code).toBe(
      'U-ST02-TRAFFIC',
    );
    expect(chooseResponsibleUnit({ unitType: 'market_supervision', street: st01 }, units)?.code).toBe('U-ST01-MARKET');
  });

  it('falls back to the district-level unit when the street has none of the type', () => {
    expect(chooseResponsibleUnit({ unitType: 'market_supervision', street: st03 }, units)?.code).toBe('U-MARKET');
    expect(chooseResponsibleUnit({ unitType: 'district_center', street: st01 }, units)?.code).toBe('U-DC');
  });

  it('never sends a case to another street’s unit', () => {
    expect(chooseResponsibleUnit({ unitType: 'traffic_police', street: st03 }, units)).toBeUndefined();
  });

  it('breaks a remaining tie by the lowest code, whatever the order of the units', () => {
    expect(chooseResponsibleUnit({ unitType: 'sanitation', street: st01 }, units)?.code).toBe('U-ST01-SANITATION-A');
    expect(chooseResponsibleUnit({ unitType: 'housing_construction', street: st01 }, units)?.code).toBe('U-HOUSING-A');
    expect(chooseResponsibleUnit({ unitType: 'sanitation', street: st01 }, [...units].reverse())?.code).toBe(
      'U-ST01-SANITATION-A',
    );
  });

  it('sends a community case to the committee that lists the compound', () => {
    const communities = [
      { unitCode: 'U-ST01-CM01', compoundCodes: ['C001'] },
      { unitCode: 'U-ST01-CM02', compoundCodes: ['C002'] },
    ];
    const target = { unitType: 'community' as const, compound: { code: 'C002' }, street: st01, communities };
    expect(chooseResponsibleUnit(target, units)?.code).toBe('U-ST01-CM02');
  });

  it('finds no committee for a case outside the listed compounds', () => {
    expect(chooseResponsibleUnit({ unitType: 'community', compound: { code: 'C009' }, street: st01 }, units)).toBeUndefined();
    expect(chooseResponsibleUnit({ unitType: 'community', street: st01 }, units)).toBeUndefined();
  });

  it('finds nothing when no unit of the type exists', () => {
    expect(chooseResponsibleUnit({ unitType: 'fire_rescue', street: st01 }, units)).toBeUndefined();
  });
});
