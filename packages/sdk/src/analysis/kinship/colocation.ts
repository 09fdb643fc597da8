/**
 * Co-location of activities across territories, in the manner of the product space (Hidalgo,
 * Klinger, Barabási & Hausmann, 2007): two activities are close when territories that have one tend
 * to have the other. Proximity φ(i, j) = min(P(i | j), P(j | i)) = territories with both ÷
 * territories with the more widespread of the two. Read at the NAF class level (`24.10`, shared
 * with NACE); an activity is present in a territory when one of its inside establishments has it
 * (the product space asks for a revealed comparative advantage instead: Toile documents rarely list
 * every establishment of a territory, so presence is all they can tell).
 */
import type { ToileDocument } from '@toile/schema';
import { isToileColumns, type ToileColumns } from '../../columnar/columns.ts';
import { recordsOf } from '../../columnar/records.ts';
import type { NafCode } from './naf.ts';
import { parseNaf } from './naf.ts';

/** Default number of territories an estimate must rest on. */
export const DEFAULT_MIN_TERRITORIES = 5;

/** How often activities appear together across the territories given. */
export interface ColocationTable {
  /** Territories read (documents, each counted once). */
  readonly territories: number;
  /** Estimates resting on fewer territories than this are not given. */
  readonly minTerritories: number;
  /** Position of each NAF class met. */
  readonly classes: ReadonlyMap<string, number>;
  /** Territories where each class is present. */
  readonly counts: Uint32Array;
  /** Presence bits, `words` 32-bit words per class (bit t: present in territory t). */
  readonly bits: Uint32Array;
  readonly words: number;
}

/** A co-location proximity and the territories it rests on. */
export interface ColocationValue {
  /** φ in 0–1. */
  readonly value: number;
  /** Territories where the more widespread of the two activities is present (φ's denominator). */
  readonly support: number;
}

/** The establishments of a territory, in either form (co-location reads their NAF codes). */
export type KinshipTerritory = Pick<ToileDocument, 'establishments'> | ToileColumns;

/** The NAF classes of a territory's inside establishments. */
function classesOf(territory: KinshipTerritory): Set<string> {
  const out = new Set<string>();
  const records = recordsOf(isToileColumns(territory) ? territory : { flows: [], establishments: territory.establishments });
  for (let i = 0; i < records.establishmentCount; i++) {
    if (records.establishmentExternal(i)) continue;
    const naf = parseNaf(records.establishmentNaf(i));
    if (naf) out.add(naf.class);
  }
  return out;
}

/**
 * Counts the NAF classes present in each territory and which appear together. A document given
 * twice (the same object) counts once. O(establishments + classes × territories / 32).
 */
export function buildColocation(docs: readonly KinshipTerritory[], minTerritories = DEFAULT_MIN_TERRITORIES): ColocationTable {
  const unique = [...new Set(docs)];
  const present = unique.map(classesOf);
  const classes = new Map<string, number>();
  for (const set of present) for (const c of set) if (!classes.has(c)) classes.set(c, classes.size);
  const words = Math.max(1, Math.ceil(unique.length / 32));
  const counts = new Uint32Array(classes.size);
  const bits = new Uint32Array(classes.size * words);
  present.forEach((set, t) => {
    for (const c of set) {
      const k = classes.get(c)!;
      counts[k]!++;
      bits[k * words + (t >>> 5)]! |= 1 << (t & 31);
    }
  });
  return { territories: unique.length, minTerritories, classes, counts, bits, words };
}

/** Set bits of a 32-bit word. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * φ of two establishments' activities; undefined when either has no NAF code or when fewer than
 * `minTerritories` territories have the more widespread of the two (too little to say). Symmetric.
 */
export function colocationOf(table: ColocationTable, a: NafCode | undefined, b: NafCode | undefined): ColocationValue | undefined {
  if (!a || !b) return undefined;
  const i = table.classes.get(a.class);
  const j = table.classes.get(b.class);
  const ci = i === undefined ? 0 : table.counts[i]!;
  const cj = j === undefined ? 0 : table.counts[j]!;
  const support = Math.max(ci, cj);
  if (support < table.minTerritories) return undefined;
  if (i === undefined || j === undefined) return { value: 0, support };
  let both = 0;
  for (let w = 0; w < table.words; w++) both += popcount(table.bits[i * table.words + w]! & table.bits[j * table.words + w]!);
  return { value: both / support, support };
}
