import { describe, expect, it } from 'vitest';
import { IngestRecord } from '../../shared/hub-protocol';
import { SUB_DISTRICT_CENTRES } from './places';
import { generateTickets } from './ticket-generator';

describe('how demo tickets are placed', () => {
  const records = generateTickets(20_000, { seed: 99, now: Date.UTC(2026, 10, 23, 4), spanMs: 60 * 86_400_000 });
  const share = (p: string) => records.filter((r) => r.ticket.placement === p).length / records.length;

  it('mostly exact, about 8 % from the address (compound or sub-district centre), about 1 % not at all', () => {
    expect(share('none')).toBeGreaterThan(0.007);
    expect(share('none')).toBeLessThan(0.013);
    expect(share('compound') + share('subDistrict')).toBeGreaterThan(0.07);
    expect(share('compound') + share('subDistrict')).toBeLessThan(0.09);
    expect(share('exact')).toBeGreaterThan(0.9);
  });

  it('with coordinates exactly when placed, at the centre for a sub-district placement, and each accepted by the hub', () => {
    for (const { ticket: t } of records) {
      expect(t.lng === null, t.ticketNo).toBe(t.placement === 'none');
      expect(t.lat === null, t.ticketNo).toBe(t.placement === 'none');
      if (t.placement === 'subDistrict') expect([t.lng, t.lat]).toEqual([...SUB_DISTRICT_CENTRES[t.subDistrictCode]!]);
    }
    expect(records.filter((r) => !IngestRecord.safeParse(r).success).map((r) => r.ticket.ticketNo)).toEqual([]);
  });

  it('puts every ticket about one place at the same point (as a gazetteer does)', () => {
    const byPlace = new Map<string, Set<string>>();
    for (const { ticket: t } of records) {
      if (t.placement !== 'compound') continue;
      // The place is the address up to its number or block: 崇川区任港街道景华城2幢 → 景华城 in 任港.
      const place = t.address.replace(/\d+(幢|号附近)$/, '');
      byPlace.set(place, (byPlace.get(place) ?? new Set()).add(`${t.lng},${t.lat}`));
    }
    expect(byPlace.size).toBeGreaterThan(50);
    for (const [place, points] of byPlace) expect(points.size, place).toBe(1);
  });

  it('does not depend on how many tickets are drawn before (the same ticket, the same placement)', () => {
    const again = generateTickets(500, { seed: 99, now: Date.UTC(2026, 10, 23, 4), spanMs: 60 * 86_400_000 });
    expect(again.map((r) => r.ticket)).toEqual(records.slice(0, 500).map((r) => r.ticket));
  });
});
