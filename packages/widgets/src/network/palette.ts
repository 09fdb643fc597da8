import { interpolateCividis } from 'd3-scale-chromatic';
import type { Establishment } from '@toile/schema';

/**
 * Sector colours: the Okabe–Ito palette (made to stay distinct under the common colour-vision
 * deficiencies), without its black and with its yellow darkened for contrast on white; the last
 * colour is "other sectors". d3-scale-chromatic's categorical schemes were considered: none of them is
 * designed for colour-blind readers.
 */
export const SECTOR_PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#b8a200', '#8a8f98'] as const;
/** Index of "other sectors" in {@link SECTOR_PALETTE}. */
export const OTHER_SECTOR = SECTOR_PALETTE.length - 1;
/** The colour every establishment steps back to while an overlay is shown. */
export const NEUTRAL = '#c4c9d0';
/** The colour of outside partners (a dashed diamond). */
export const EXTERNAL = '#8a8f98';

/** The territory's sectors by colour: the most frequent first sectors get a colour each, the rest share "other". */
export interface SectorColours {
  /** Named sectors in legend order (most establishments first), each with its palette index. */
  readonly named: readonly { sector: string; index: number; count: number }[];
  /** How many establishments fall in "other sectors". */
  readonly others: number;
  /** Palette index of an establishment's first sector. */
  indexOf(sector: string | undefined): number;
}

/** Ranks the first sectors of the territory's own establishments (outside partners are drawn apart). */
export function sectorColours(establishments: readonly Establishment[]): SectorColours {
  const counts = new Map<string, number>();
  for (const e of establishments) {
    const s = e.sectors?.[0];
    if (e.external || !s) continue;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fr'));
  const named = ranked.slice(0, OTHER_SECTOR).map(([sector, count], index) => ({ sector, index, count }));
  const at = new Map(named.map((n) => [n.sector, n.index]));
  let others = 0;
  for (const e of establishments) if (!e.external && !at.has(e.sectors?.[0] ?? '')) others++;
  return { named, others, indexOf: (sector) => at.get(sector ?? '') ?? OTHER_SECTOR };
}

/**
 * An overlay value in 0–1 as a colour of the cividis scale (d3-scale-chromatic; designed for readers
 * with colour-vision deficiencies), read from pale (0) to dark (1) so that the strongest effect stands
 * out most on a light page; "not reached" is {@link NEUTRAL}.
 */
export function overlayColour(v: number): string {
  const t = Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));
  return interpolateCividis(0.95 - 0.95 * t);
}

/** Stops of the overlay scale for a legend's gradient (CSS `linear-gradient` colour list). */
export function overlayGradient(steps = 6): string {
  return Array.from({ length: steps }, (_, i) => overlayColour(i / (steps - 1))).join(', ');
}
