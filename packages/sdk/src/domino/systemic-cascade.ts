/**
 * The cascade closures of the systemic ranking, with exact reuse of the large ones.
 *
 * The threshold cascade is monotone: the failed set F(s) of closing s is the least set that holds s
 * and every establishment whose dependency on the set reaches the threshold. So when the cascade from
 * s fails an establishment t, F(t) ⊆ F(s). On generated territories of 200k establishments, 0.3 % of
 * the closures unfold one giant cascade (130k failed, 1M dependencies visited each) and take 95 % of
 * the time. A closure that large is kept as a *base*: its start b, and every start whose closure is
 * known to contain b, become triggers. A later cascade that fails a trigger t knows F(b) ⊆ F(t) ⊆ F(s):
 * it restarts from the base's state, adds what it had failed outside the base, and runs on from there
 * (any set between {s} and F(s) unfolds to F(s), so what is carried over only saves work; s always
 * is). Only what differs from the base is visited, and the tally is the base's, corrected on those
 * establishments. No approximation: the failed set, levels and states are those of the
 * straightforward cascade (levels may differ in the last bit, the weights being added in another
 * order: the threshold has a slack for that, and states round q to 6 decimals); sums are compensated
 * (Neumaier) so that the rounded figures do not depend on the order in which the parts were added.
 * Considered: worker threads over the closures (2 cores here, shared; the per-closure work is now
 * small and the main entry must stay browser-safe), and graph libraries (one object per edge).
 */
import type { DependencyMatrix } from './matrix.ts';
import { THRESHOLD_SLACK } from './models.ts';
import { establishmentState } from './states.ts';

/** In a base's levels: a failed position (levels are at most 1). */
const FAILED = 2;
/** In `trigger`: the position triggers no base. */
const NO_BASE = -1;

/** A running sum with Neumaier's compensation: parts are added and removed in any order. */
class CompensatedSum {
  hi = 0;
  lo = 0;
  add(x: number): void {
    const t = this.hi + x;
    this.lo += Math.abs(this.hi) >= Math.abs(x) ? this.hi - t + x : x - t + this.hi;
    this.hi = t;
  }
  copy(from: CompensatedSum): void {
    this.hi = from.hi;
    this.lo = from.lo;
  }
  value(): number {
    return this.hi + this.lo;
  }
}

/** What one closure did to the other establishments: counts of states, jobs and output at risk. */
export class ClosureTally {
  affected = 0;
  severe = 0;
  stopped = 0;
  readonly jobs = new CompensatedSum();
  readonly loss = new CompensatedSum();

  reset(): void {
    this.affected = this.severe = this.stopped = 0;
    this.jobs.hi = this.jobs.lo = this.loss.hi = this.loss.lo = 0;
  }

  copy(from: ClosureTally): void {
    this.affected = from.affected;
    this.severe = from.severe;
    this.stopped = from.stopped;
    this.jobs.copy(from.jobs);
    this.loss.copy(from.loss);
  }

  /** Adds (sign 1) or removes (sign −1) one establishment at level q, failed or not. */
  add(q: number, failed: boolean, threshold: number, jobs: number, output: number, sign: 1 | -1): void {
    const state = establishmentState(q, { failed, threshold });
    if (state !== 'unaffected') this.affected += sign;
    if (state === 'severe' || state === 'stopped') this.severe += sign;
    if (state === 'stopped') this.stopped += sign;
    this.jobs.add(sign * jobs * q);
    this.loss.add(sign * output * q);
  }
}

/** A large closure kept for reuse. */
interface CascadeBase {
  start: number;
  /** Per position: the level in this closure, {@link FAILED} for a failed one, 0 if untouched. */
  level: Float64Array;
  /** The failed positions. */
  failed: Uint32Array;
  /** Tally of the whole closure, its start included (it is another establishment for the closures that reuse it). */
  tally: ClosureTally;
}

/** Options of {@link CascadeClosures}. */
export interface CascadeClosureOptions {
  /** The failure threshold, and the severe state's. */
  threshold: number;
  /** Jobs per position. */
  jobsOf: Float64Array;
  /** Yearly output per position. */
  outputOf: Float64Array;
  /** A closure touching at least this many positions (beyond the base it ran on) is kept as a base (default: n / 16, at least 64). */
  minBaseTouched?: number;
  /** At most this many bases, one array of n levels each (default 4); a base twice as large replaces the smallest. */
  maxBases?: number;
}

/**
 * Runs the cascade closures of a systemic ranking one start at a time (each start once), reusing
 * the large ones (see the module comment). Buffers are shared across closures; each closure resets
 * only what it touched.
 */
export class CascadeClosures {
  private readonly level: Float64Array;
  /** 0 untouched (on a base: as in the base), 1 touched, 2 failed. */
  private readonly flag: Uint8Array;
  private readonly touched: Uint32Array;
  /** The failed positions, in order (outside the base, on a base). */
  private readonly queue: Uint32Array;
  /** Per position: a base its closure is known to contain, or {@link NO_BASE}. */
  private readonly trigger: Int8Array;
  private readonly bases: CascadeBase[] = [];
  private readonly limit: number;
  private readonly minBaseTouched: number;
  private readonly maxBases: number;
  private readonly result = new ClosureTally();
  /** Positions touched, and failed (the first `tail` of `queue`), by the last cascade. */
  private count = 0;
  private tail = 0;
  /** Closures run on a base so far, and bases kept (for benchmarks). */
  readonly stats = { onBase: 0, basesKept: 0 };

  constructor(
    private readonly matrix: DependencyMatrix,
    private readonly options: CascadeClosureOptions,
  ) {
    const n = matrix.nodeCount;
    this.level = new Float64Array(n);
    this.flag = new Uint8Array(n);
    this.touched = new Uint32Array(n);
    this.queue = new Uint32Array(n);
    this.trigger = new Int8Array(n).fill(NO_BASE);
    this.limit = options.threshold - THRESHOLD_SLACK;
    this.minBaseTouched = Math.max(1, Math.floor(options.minBaseTouched ?? Math.max(64, n / 16)));
    this.maxBases = Math.min(127, Math.max(0, Math.floor(options.maxBases ?? 4)));
  }

  /**
   * The tally of closing `start` (a position), the start itself not counted. The object is reused
   * by the next call: read it before. Each start once: what a closure learns is kept under its start.
   */
  closure(start: number): ClosureTally {
    let next = this.cascade(start);
    let base: CascadeBase | undefined;
    let at = NO_BASE;
    // Each move goes to a base with more failed positions: this ends.
    while (next !== NO_BASE) {
      const to = this.bases[next]!;
      this.carry(base, to);
      base = to;
      at = next;
      next = this.cascadeOnBase(to);
    }
    if (base) {
      this.stats.onBase++;
      this.tallyOnBase(start, base);
      this.trigger[start] = at;
      this.keepAsBase(start, base);
    } else {
      this.tallyTouched(start);
      if (!this.learnTrigger(start)) this.keepAsBase(start);
    }
    this.reset();
    return this.result;
  }

  /**
   * The straightforward cascade from `start`, stopped as soon as it fails a trigger: returns that
   * trigger's base, or {@link NO_BASE} when the cascade ran to its end.
   */
  private cascade(start: number): number {
    const { dependentsOffsets, dependents, dependentsWeight } = this.matrix;
    const { level, flag, touched, queue, trigger, limit } = this;
    let count = 0;
    let head = 0;
    let tail = 0;
    flag[start] = 2;
    touched[count++] = start;
    level[start] = 1;
    queue[tail++] = start;
    let base = NO_BASE;
    while (head < tail && base === NO_BASE) {
      const j = queue[head++]!;
      const end = dependentsOffsets[j + 1]!;
      for (let k = dependentsOffsets[j]!; k < end; k++) {
        const p = dependents[k]!;
        const f = flag[p]!;
        if (f === 2) continue;
        if (f === 0) {
          flag[p] = 1;
          touched[count++] = p;
        }
        let v = level[p]! + dependentsWeight[k]!;
        if (v > 1) v = 1;
        if (v >= limit) {
          flag[p] = 2;
          level[p] = 1;
          queue[tail++] = p;
          if (trigger[p] !== NO_BASE) {
            base = trigger[p]!;
            break;
          }
        } else level[p] = v;
      }
    }
    this.count = count;
    this.tail = tail;
    return base;
  }

  /**
   * Moves the closure onto base `to`: clears the workspace and leaves in `queue` the positions known
   * failed (the last cascade's, and those of the base it ran on, `from`) that `to` has not failed.
   */
  private carry(from: CascadeBase | undefined, to: CascadeBase): void {
    this.reset();
    const { queue, touched } = this;
    const toLevel = to.level;
    // `touched` is free once reset: the positions carried are gathered there, then queued.
    let carried = 0;
    for (let c = 0; c < this.tail; c++) {
      const x = queue[c]!;
      if (toLevel[x] !== FAILED) touched[carried++] = x;
    }
    if (from) {
      for (const x of from.failed) if (toLevel[x] !== FAILED) touched[carried++] = x;
    }
    queue.set(touched.subarray(0, carried));
    this.tail = carried;
  }

  /**
   * Runs the cascade on top of a base from the positions carried in `queue`: a position the workspace
   * has not touched is as in the base (`flag` 0). Stops when it fails a trigger of a larger base,
   * returned; else returns {@link NO_BASE}.
   */
  private cascadeOnBase(base: CascadeBase): number {
    const { dependentsOffsets, dependents, dependentsWeight } = this.matrix;
    const { level, flag, touched, queue, trigger, bases, limit } = this;
    const baseLevel = base.level;
    const size = base.failed.length;
    let tail = this.tail;
    let count = 0;
    for (let c = 0; c < tail; c++) {
      const x = queue[c]!;
      flag[x] = 2;
      level[x] = 1;
      touched[count++] = x;
    }
    let head = 0;
    let larger = NO_BASE;
    while (head < tail && larger === NO_BASE) {
      const j = queue[head++]!;
      const end = dependentsOffsets[j + 1]!;
      for (let k = dependentsOffsets[j]!; k < end; k++) {
        const p = dependents[k]!;
        const f = flag[p]!;
        if (f === 2) continue;
        let v: number;
        if (f === 0) {
          const b = baseLevel[p]!;
          if (b === FAILED) continue;
          flag[p] = 1;
          touched[count++] = p;
          v = b + dependentsWeight[k]!;
        } else v = level[p]! + dependentsWeight[k]!;
        if (v > 1) v = 1;
        if (v >= limit) {
          flag[p] = 2;
          level[p] = 1;
          queue[tail++] = p;
          const t = trigger[p]!;
          if (t !== NO_BASE && bases[t]!.failed.length > size) {
            larger = t;
            break;
          }
        } else level[p] = v;
      }
    }
    this.count = count;
    this.tail = tail;
    return larger;
  }

  /** The tally of a straightforward cascade: every touched position but the start. */
  private tallyTouched(start: number): void {
    const { level, flag, touched, result } = this;
    const { threshold, jobsOf, outputOf } = this.options;
    result.reset();
    for (let c = 0; c < this.count; c++) {
      const p = touched[c]!;
      if (p !== start) result.add(level[p]!, flag[p] === 2, threshold, jobsOf[p]!, outputOf[p]!, 1);
    }
  }

  /**
   * The tally of a cascade run on a base: the base's, without the start, and with the positions
   * this cascade touched moved from their state in the base to their state now.
   */
  private tallyOnBase(start: number, base: CascadeBase): void {
    const { level, flag, touched, result } = this;
    const { threshold, jobsOf, outputOf } = this.options;
    const baseLevel = base.level;
    const removeBase = (p: number) => {
      const b = baseLevel[p]!;
      result.add(b === FAILED ? 1 : b, b === FAILED, threshold, jobsOf[p]!, outputOf[p]!, -1);
    };
    result.copy(base.tally);
    removeBase(start);
    for (let c = 0; c < this.count; c++) {
      const p = touched[c]!;
      if (p === start) continue;
      removeBase(p);
      result.add(level[p]!, flag[p] === 2, threshold, jobsOf[p]!, outputOf[p]!, 1);
    }
  }

  /** After a straightforward cascade: the start triggers the largest base whose start its cascade failed. */
  private learnTrigger(start: number): boolean {
    const { flag, bases } = this;
    let best = NO_BASE;
    for (let b = 0; b < bases.length; b++) {
      if (flag[bases[b]!.start] === 2 && (best === NO_BASE || bases[b]!.failed.length > bases[best]!.failed.length)) best = b;
    }
    if (best !== NO_BASE) this.trigger[start] = best;
    return best !== NO_BASE;
  }

  /**
   * Keeps the last closure as a base when it touched enough positions (beyond `under`, the base it
   * ran on) and there is a slot: its levels (over `under`'s), its failed positions, its tally with
   * the start, failed, counted.
   */
  private keepAsBase(start: number, under?: CascadeBase): void {
    if (this.count < this.minBaseTouched) return;
    const failedCount = this.tail + (under ? under.failed.length : 0);
    const slot = this.freeSlot(failedCount);
    if (slot === NO_BASE) return;
    const { flag, level, touched, queue } = this;
    const { threshold, jobsOf, outputOf } = this.options;
    const levels = under ? under.level.slice() : new Float64Array(this.matrix.nodeCount);
    for (let c = 0; c < this.count; c++) {
      const p = touched[c]!;
      levels[p] = flag[p] === 2 ? FAILED : level[p]!;
    }
    const failed = new Uint32Array(failedCount);
    failed.set(queue.subarray(0, this.tail));
    if (under) failed.set(under.failed, this.tail);
    const tally = new ClosureTally();
    tally.copy(this.result);
    tally.add(1, true, threshold, jobsOf[start]!, outputOf[start]!, 1);
    this.bases[slot] = { start, level: levels, failed, tally };
    this.trigger[start] = slot;
    this.stats.basesKept++;
  }

  /**
   * A slot for a base of `failedCount` failed positions: a new one while there is room, else the
   * smallest base's when the new one is at least twice as large (its triggers are dropped), else none.
   */
  private freeSlot(failedCount: number): number {
    const { bases, trigger } = this;
    if (bases.length < this.maxBases) return bases.length;
    let smallest = NO_BASE;
    for (let b = 0; b < bases.length; b++) if (smallest === NO_BASE || bases[b]!.failed.length < bases[smallest]!.failed.length) smallest = b;
    if (smallest === NO_BASE || failedCount < 2 * bases[smallest]!.failed.length) return NO_BASE;
    for (let p = 0; p < trigger.length; p++) if (trigger[p] === smallest) trigger[p] = NO_BASE;
    return smallest;
  }

  /** Clears what the last cascade touched. */
  private reset(): void {
    const { level, flag, touched } = this;
    for (let c = 0; c < this.count; c++) {
      const p = touched[c]!;
      flag[p] = 0;
      level[p] = 0;
    }
    this.count = 0;
  }
}
