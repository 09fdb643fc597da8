/**
 * Quantities of the indexed flows in the base unit of their dimension (t/yr, m3/yr, MWh/yr…), as
 * typed arrays beside the graph index, so that analyses can weigh edges by volume.
 */
import { getUnit, type Dimension, type ToileDocument } from '@toile/schema';
import type { GraphIndex } from '../graph/build-index.ts';

/** Per-edge quantities in base units. */
export interface EdgeQuantities {
  /** Amount in the base unit of the edge's dimension; NaN when unknown or in an unknown unit. */
  readonly amount: Float64Array;
  /** Dimension of each edge (index in `dimensions`), -1 when unknown. */
  readonly dimension: Int8Array;
  /** Dimensions met, in order of first appearance. */
  readonly dimensions: readonly Dimension[];
}

/** Reads each indexed flow's quantity and converts it to the base unit of its dimension. */
export function edgeQuantities(doc: Pick<ToileDocument, 'flows'>, index: GraphIndex): EdgeQuantities {
  const m = index.edgeCount;
  const amount = new Float64Array(m).fill(Number.NaN);
  const dimension = new Int8Array(m).fill(-1);
  const dimensions: Dimension[] = [];
  for (let e = 0; e < m; e++) {
    const q = doc.flows[index.edgeFlow[e]!]?.quantity;
    if (!q) continue;
    const unit = getUnit(q.unit);
    if (!unit) continue;
    let d = dimensions.indexOf(unit.dimension);
    if (d < 0) d = dimensions.push(unit.dimension) - 1;
    amount[e] = q.value * unit.factor;
    dimension[e] = d;
  }
  return { amount, dimension, dimensions };
}

/** Base unit of each dimension (the first unit of the vocabulary in it). */
export const BASE_UNITS: Readonly<Record<Dimension, string>> = {
  mass: 't/yr',
  volume: 'm3/yr',
  'gas-volume': 'Nm3/yr',
  energy: 'MWh/yr',
  items: 'unit/yr',
  pallets: 'pallet/yr',
  containers: 'TEU/yr',
  trips: 'trip/yr',
  hours: 'h/yr',
  days: 'day/yr',
  staff: 'FTE',
  area: 'm2',
  equipment: 'unit',
};
