/**
 * How a demo ticket was placed (Placement, shared/domain/ticket.ts), as imports of real tickets (#15) bring
 * them: most from the platform's own coordinates (exact); about 5 % from the compound or road their address names
 * (one point per place, as a gazetteer has it), 3 % at their sub-district's centre, and 1 % not at all (未定位:
 * no point). Each is drawn from the ticket's own seed, apart from the generator's other draws, so every other
 * field of a demo ticket is what it was before tickets said how they were placed.
 */
import type { Placement } from '../../shared/domain/ticket';
import { prng } from './prng';

/** Cumulative shares of the draw: below `none` unplaced, below `subDistrict` at the centre, below `compound` at the place. */
const SHARES = { none: 0.01, subDistrict: 0.04, compound: 0.09 } as const;

export type DemoPlace = {
  /** The ticket's own seed for this draw (its generator seed and index, mixed). */
  seed: number;
  /** Where the platform put it. */
  exact: readonly [lng: number, lat: number];
  /** Its sub-district's code and centre. */
  subDistrictCode: string;
  centre: readonly [lng: number, lat: number];
  /** The compound or road its address names. */
  placeName: string;
};

export type Placed = { placement: Placement; lng: number | null; lat: number | null };

/** A ticket seed from a generator seed and a ticket's index. */
export const placementSeed = (seed: number, index: number) => (seed ^ Math.imul(index, 0x9e3779b1) ^ 0x5bd1e995) >>> 0;

export function demoPlacement(p: DemoPlace): Placed {
  const r = prng(p.seed)();
  if (r < SHARES.none) return { placement: 'none', lng: null, lat: null };
  if (r < SHARES.subDistrict) return { placement: 'subDistrict', lng: p.centre[0], lat: p.centre[1] };
  if (r < SHARES.compound) return { placement: 'compound', ...placePoint(p) };
  return { placement: 'exact', lng: p.exact[0], lat: p.exact[1] };
}

/** The gazetteer's point of a named place in a sub-district: the same place always at the same point near its centre. */
function placePoint(p: DemoPlace): { lng: number; lat: number } {
  let h = 2166136261;
  for (const ch of `${p.subDistrictCode}:${p.placeName}`) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  const rnd = prng(h >>> 0);
  return { lng: Math.round((p.centre[0] + (rnd() - 0.5) * 0.02) * 1e6) / 1e6, lat: Math.round((p.centre[1] + (rnd() - 0.5) * 0.016) * 1e6) / 1e6 };
}
