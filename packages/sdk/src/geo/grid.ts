/**
 * Spatial grid keyed by bucket (a material, for the synergy finder): points are projected on the
 * plane tangent to the sphere at their centre (orthographic projection), then counting-sorted by
 * (bucket, cell) into one typed array. Each bucket has its own dense cell range sized to its own
 * density, so a lookup is two multiplications and an array read — no hashing, no string keys.
 *
 * The orthographic projection is a linear map that only shortens distances: the planar distance
 * of two projected points never exceeds their chord, which never exceeds their great-circle
 * distance. Searching the grid out to a radius R therefore never misses a point within R.
 *
 * Hand-written: rbush / kdbush (considered) index one set of points, not one set per material,
 * and answer box queries with arrays of ids; the finder needs rings in nearest-first order.
 */
import { EARTH_RADIUS_KM } from './haversine.ts';

const RAD = Math.PI / 180;

/** Planar coordinates in km of points given in degrees (NaN for points without coordinates). */
export interface PlaneCoordinates {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * Projects points on the plane tangent to the sphere at the mean of the located points. Planar
 * distances are lower bounds of great-circle distances (see the module comment).
 */
export function tangentPlane(lat: Float64Array, lon: Float64Array): PlaneCoordinates {
  const n = lat.length;
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (let i = 0; i < n; i++) {
    const p = lat[i]! * RAD;
    const l = lon[i]! * RAD;
    if (Number.isNaN(p) || Number.isNaN(l)) continue;
    const c = Math.cos(p);
    cx += c * Math.cos(l);
    cy += c * Math.sin(l);
    cz += Math.sin(p);
  }
  const norm = Math.hypot(cx, cy, cz);
  // Centre of the points (any point of the sphere when there are none or they cancel out).
  const [zx, zy, zz] = norm > 1e-12 ? [cx / norm, cy / norm, cz / norm] : [1, 0, 0];
  // East and north unit vectors at the centre (east is arbitrary at a pole).
  let ex = -zy;
  let ey = zx;
  const en = Math.hypot(ex, ey);
  if (en < 1e-12) {
    ex = 0;
    ey = 1;
  } else {
    ex /= en;
    ey /= en;
  }
  const nx = zy * 0 - zz * ey;
  const ny = zz * ex - zx * 0;
  const nz = zx * ey - zy * ex;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = lat[i]! * RAD;
    const l = lon[i]! * RAD;
    if (Number.isNaN(p) || Number.isNaN(l)) {
      x[i] = Number.NaN;
      y[i] = Number.NaN;
      continue;
    }
    const c = Math.cos(p);
    const px = c * Math.cos(l);
    const py = c * Math.sin(l);
    const pz = Math.sin(p);
    x[i] = EARTH_RADIUS_KM * (px * ex + py * ey);
    y[i] = EARTH_RADIUS_KM * (px * nx + py * ny + pz * nz);
  }
  return { x, y };
}

/** Points sorted by bucket and cell. Arrays are owned: treat them as read-only. */
export interface BucketGrid {
  readonly bucketCount: number;
  /** Per bucket: grid origin (km), cell size (km), width and height in cells, first cell. */
  readonly originX: Float64Array;
  readonly originY: Float64Array;
  readonly cellSize: Float64Array;
  readonly width: Int32Array;
  readonly height: Int32Array;
  readonly cellBase: Uint32Array;
  /** Points of global cell c: `entries[cellStart[c] .. cellStart[c + 1])`, by increasing y. */
  readonly cellStart: Uint32Array;
  readonly entries: Uint32Array;
  /** Coordinates of each entry (copied beside it so that scans read contiguous memory). */
  readonly entryX: Float64Array;
  readonly entryY: Float64Array;
  /** Points of bucket b without coordinates: `unlocated[unlocatedStart[b] .. unlocatedStart[b + 1])`. */
  readonly unlocatedStart: Uint32Array;
  readonly unlocated: Uint32Array;
}

/** Options of {@link buildBucketGrid}. */
export interface BucketGridOptions {
  /** Points per cell aimed at in the densest case (default 8). */
  perCell?: number;
  /** Smallest and largest cell side in km (defaults 0.2 and 50). */
  minCellKm?: number;
  maxCellKm?: number;
  /** Cells of all buckets together at most (default 4M); cells grow beyond the largest side if needed. */
  maxCells?: number;
  /** Sort each cell's points by y (default true; needed by callers that binary-search a cell). */
  sortCells?: boolean;
}

/** Bounding box and located count of each bucket; unlocated counts in `unlocatedStart[b + 1]`. */
function bucketBounds(x: Float64Array, y: Float64Array, memberships: readonly Int32Array[], bucketCount: number) {
  const n = x.length;
  const minX = new Float64Array(bucketCount).fill(Infinity);
  const minY = new Float64Array(bucketCount).fill(Infinity);
  const maxX = new Float64Array(bucketCount).fill(-Infinity);
  const maxY = new Float64Array(bucketCount).fill(-Infinity);
  const located = new Uint32Array(bucketCount);
  const unlocatedStart = new Uint32Array(bucketCount + 1);
  for (const member of memberships) {
    for (let i = 0; i < n; i++) {
      const b = member[i]!;
      if (b < 0) continue;
      const px = x[i]!;
      if (Number.isNaN(px)) {
        unlocatedStart[b + 1]!++;
        continue;
      }
      const py = y[i]!;
      located[b]!++;
      if (px < minX[b]!) minX[b] = px;
      if (px > maxX[b]!) maxX[b] = px;
      if (py < minY[b]!) minY[b] = py;
      if (py > maxY[b]!) maxY[b] = py;
    }
  }
  return { minX, minY, maxX, maxY, located, unlocatedStart };
}

/**
 * The cell side of each bucket: about `perCell` points per cell if its points filled its box
 * evenly, smaller where they cluster, and all grown by one factor if the cells would not fit in `maxCells`.
 */
function cellSides(
  x: Float64Array,
  y: Float64Array,
  memberships: readonly Int32Array[],
  bounds: ReturnType<typeof bucketBounds>,
  limits: { perCell: number; minCell: number; maxCell: number; maxCells: number },
): Float64Array {
  const { minX, minY, maxX, maxY, located } = bounds;
  const { perCell, minCell, maxCell, maxCells } = limits;
  const bucketCount = located.length;
  const n = x.length;
  // Cell side: about `perCell` points per cell if the bucket's points filled its box evenly…
  const cellSize = new Float64Array(bucketCount);
  const cellsFor = (b: number, side: number) =>
    located[b] ? (Math.floor((maxX[b]! - minX[b]!) / side) + 1) * (Math.floor((maxY[b]! - minY[b]!) / side) + 1) : 0;
  const base0 = new Float64Array(bucketCount + 1);
  for (let b = 0; b < bucketCount; b++) {
    if (located[b]) {
      const area = Math.max(1e-6, (maxX[b]! - minX[b]!) * (maxY[b]! - minY[b]!));
      cellSize[b] = Math.min(maxCell, Math.max(minCell, Math.sqrt((area * perCell) / located[b]!)));
    }
    base0[b + 1] = base0[b]! + cellsFor(b, cellSize[b]!);
  }
  let totalCells = base0[bucketCount]!;
  // …then smaller where points cluster (industrial zones): size from the occupied area only.
  if (totalCells <= maxCells) {
    const mark = new Uint8Array(totalCells);
    const occupied = new Uint32Array(bucketCount);
    for (const member of memberships) {
      for (let i = 0; i < n; i++) {
        const b = member[i]!;
        if (b < 0 || Number.isNaN(x[i]!)) continue;
        const size = cellSize[b]!;
        const w = Math.floor((maxX[b]! - minX[b]!) / size) + 1;
        const c = base0[b]! + Math.floor((y[i]! - minY[b]!) / size) * w + Math.floor((x[i]! - minX[b]!) / size);
        if (!mark[c]) {
          mark[c] = 1;
          occupied[b]!++;
        }
      }
    }
    totalCells = 0;
    for (let b = 0; b < bucketCount; b++) {
      if (!located[b]) continue;
      const occupiedArea = occupied[b]! * cellSize[b]! * cellSize[b]!;
      cellSize[b] = Math.min(cellSize[b]!, Math.max(minCell, Math.sqrt((occupiedArea * perCell) / located[b]!)));
      totalCells += cellsFor(b, cellSize[b]!);
    }
  }
  if (totalCells > maxCells) {
    // Too many cells for memory: grow every cell by the same factor until they fit.
    let grow = Math.sqrt(totalCells / maxCells);
    for (;;) {
      totalCells = 0;
      for (let b = 0; b < bucketCount; b++) if (located[b]) totalCells += cellsFor(b, cellSize[b]! * grow);
      if (totalCells <= maxCells) break;
      grow *= 1.25;
    }
    for (let b = 0; b < bucketCount; b++) cellSize[b]! *= grow;
  }
  return cellSize;
}

/**
 * Builds the grid of points `x`, `y` (km, NaN when unlocated) for their buckets: each point belongs
 * to the bucket of each membership array where its value is ≥ 0 (a point may be in several).
 */
export function buildBucketGrid(
  x: Float64Array,
  y: Float64Array,
  memberships: readonly Int32Array[],
  bucketCount: number,
  options: BucketGridOptions = {},
): BucketGrid {
  const perCell = options.perCell ?? 8;
  const minCell = options.minCellKm ?? 0.2;
  const maxCell = options.maxCellKm ?? 50;
  const maxCells = options.maxCells ?? 4_000_000;
  const n = x.length;
  const bounds = bucketBounds(x, y, memberships, bucketCount);
  const { minX, minY, maxX, maxY, located, unlocatedStart } = bounds;
  const cellSize = cellSides(x, y, memberships, bounds, { perCell, minCell, maxCell, maxCells });
  const width = new Int32Array(bucketCount);
  const height = new Int32Array(bucketCount);
  const cellBase = new Uint32Array(bucketCount + 1);
  for (let b = 0; b < bucketCount; b++) {
    if (located[b]) {
      width[b] = Math.floor((maxX[b]! - minX[b]!) / cellSize[b]!) + 1;
      height[b] = Math.floor((maxY[b]! - minY[b]!) / cellSize[b]!) + 1;
    } else {
      minX[b] = 0;
      minY[b] = 0;
      cellSize[b] = 1;
    }
    cellBase[b + 1] = cellBase[b]! + width[b]! * height[b]!;
  }
  const cells = cellBase[bucketCount]!;
  const cellStart = new Uint32Array(cells + 1);
  for (let b = 0; b < bucketCount; b++) unlocatedStart[b + 1]! += unlocatedStart[b]!;
  // Cell of each (membership, point), computed once for the count and the fill (-1: none).
  const cellIds = memberships.map((member) => {
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const b = member[i]!;
      const px = x[i]!;
      if (b < 0 || Number.isNaN(px)) {
        ids[i] = -1;
        continue;
      }
      const size = cellSize[b]!;
      const c = cellBase[b]! + Math.floor((y[i]! - minY[b]!) / size) * width[b]! + Math.floor((px - minX[b]!) / size);
      ids[i] = c;
      cellStart[c + 1]!++;
    }
    return ids;
  });
  for (let c = 0; c < cells; c++) cellStart[c + 1]! += cellStart[c]!;
  const entries = new Uint32Array(cellStart[cells]!);
  const entryX = new Float64Array(entries.length);
  const entryY = new Float64Array(entries.length);
  const unlocated = new Uint32Array(unlocatedStart[bucketCount]!);
  const fill = cellStart.slice(0, cells);
  const unFill = unlocatedStart.slice(0, bucketCount);
  for (let m = 0; m < memberships.length; m++) {
    const member = memberships[m]!;
    const ids = cellIds[m]!;
    for (let i = 0; i < n; i++) {
      const c = ids[i]!;
      if (c >= 0) {
        const at = fill[c]!++;
        entries[at] = i;
        entryX[at] = x[i]!;
        entryY[at] = y[i]!;
      } else if (member[i]! >= 0) unlocated[unFill[member[i]!]!++] = i;
    }
  }
  if (options.sortCells ?? true) for (let c = 0; c < cells; c++) sortCell(cellStart[c]!, cellStart[c + 1]!, entries, entryX, entryY);
  return { bucketCount, originX: minX, originY: minY, cellSize, width, height, cellBase, cellStart, entries, entryX, entryY, unlocatedStart, unlocated };
}

/** Sorts the entries of one cell by y: insertion sort for the usual handful, a full sort above. */
function sortCell(from: number, to: number, entries: Uint32Array, xs: Float64Array, ys: Float64Array): void {
  if (to - from < 2) return;
  if (to - from <= 64) {
    for (let i = from + 1; i < to; i++) {
      const e = entries[i]!;
      const x = xs[i]!;
      const y = ys[i]!;
      let j = i - 1;
      while (j >= from && ys[j]! > y) {
        entries[j + 1] = entries[j]!;
        xs[j + 1] = xs[j]!;
        ys[j + 1] = ys[j]!;
        j--;
      }
      entries[j + 1] = e;
      xs[j + 1] = x;
      ys[j + 1] = y;
    }
    return;
  }
  const order = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => ys[a]! - ys[b]! || entries[a]! - entries[b]!);
  const e = order.map((k) => entries[k]!);
  const x = order.map((k) => xs[k]!);
  const y = order.map((k) => ys[k]!);
  entries.set(e, from);
  xs.set(x, from);
  ys.set(y, from);
}
