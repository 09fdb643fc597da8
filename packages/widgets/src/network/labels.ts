/**
 * Screen-space labels: names drawn at a fixed pixel size whatever the zoom, placed greedily by
 * importance so that none overlaps another; as one zooms in, nodes move apart and more names find
 * room (level of detail for free). cytoscape's own labels scale with the zoom and only know
 * `min-zoomed-font-size` (all or nothing), and it has no collision avoidance: a label layer does.
 * Libraries considered: labelgun and d3-force-labels (unmaintained or physics-based, too slow to run on
 * every frame); a greedy pass over at most a few thousand candidates with a grid index is ~1 ms.
 */

/** Something to label, in screen pixels. */
export interface LabelCandidate {
  text: string;
  /** Centre of the thing labelled. */
  x: number;
  y: number;
  /** Its radius on screen: the label goes beside it, not over it. */
  r: number;
  /** CSS class of the label (`label`, `label selected`, `place`…). */
  className: string;
}

/** A placed label: the text's anchor (middle, baseline) and its box. */
export interface PlacedLabel {
  text: string;
  className: string;
  x: number;
  y: number;
  box: Box;
}

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const CELL = 64;

/** A grid of boxes, to ask "does this box overlap one already placed?" in constant time. */
export class BoxIndex {
  private readonly cells = new Map<number, Box[]>();

  add(box: Box): void {
    this.each(box, (key) => {
      let list = this.cells.get(key);
      if (!list) this.cells.set(key, (list = []));
      list.push(box);
    });
  }

  overlaps(box: Box): boolean {
    let hit = false;
    this.each(box, (key) => {
      if (hit) return;
      for (const b of this.cells.get(key) ?? []) {
        if (b.x1 < box.x2 && box.x1 < b.x2 && b.y1 < box.y2 && box.y1 < b.y2) {
          hit = true;
          return;
        }
      }
    });
    return hit;
  }

  private each(box: Box, visit: (key: number) => void): void {
    for (let i = Math.floor(box.x1 / CELL); i <= Math.floor(box.x2 / CELL); i++) {
      for (let j = Math.floor(box.y1 / CELL); j <= Math.floor(box.y2 / CELL); j++) visit(i * 65536 + j);
    }
  }
}

/**
 * Places candidates in the order given (most important first): below the thing, else above, right or
 * left of it; skipped when every spot overlaps a label already placed, leaves the view or when `max`
 * labels are placed. `index` may hold boxes reserved beforehand (captions); `force` places a
 * candidate below its point whatever it overlaps (a layout's own captions).
 */
export function placeLabels(
  candidates: Iterable<LabelCandidate>,
  measure: (text: string, className: string) => number,
  view: { width: number; height: number },
  options: { lineHeight: number; max: number; index?: BoxIndex; force?: (c: LabelCandidate) => boolean },
): PlacedLabel[] {
  const index = options.index ?? new BoxIndex();
  const h = options.lineHeight;
  const placed: PlacedLabel[] = [];
  for (const c of candidates) {
    if (placed.length >= options.max) break;
    if (c.x < -c.r || c.y < -c.r || c.x > view.width + c.r || c.y > view.height + c.r) continue;
    const w = measure(c.text, c.className) + 4;
    const gap = c.r + 2;
    const spots: Box[] = [
      { x1: c.x - w / 2, y1: c.y + gap, x2: c.x + w / 2, y2: c.y + gap + h },
      { x1: c.x - w / 2, y1: c.y - gap - h, x2: c.x + w / 2, y2: c.y - gap },
      { x1: c.x + gap, y1: c.y - h / 2, x2: c.x + gap + w, y2: c.y + h / 2 },
      { x1: c.x - gap - w, y1: c.y - h / 2, x2: c.x - gap, y2: c.y + h / 2 },
    ];
    const forced = options.force?.(c) ?? false;
    // A forced caption (a column's or a group's title) steps up a line at a time, up to five, until it
    // overlaps nothing: narrow columns seen from afar would otherwise print their titles over each other.
    const stacked = forced ? [0, 1, 2, 3, 4, 5].map((k) => ({ ...spots[0]!, y1: spots[0]!.y1 - k * h, y2: spots[0]!.y2 - k * h })) : [];
    const free = stacked.find((box) => !index.overlaps(box));
    for (const box of forced ? [free ?? stacked[0]!] : spots) {
      if (!forced && (box.x1 < 0 || box.y1 < 0 || box.x2 > view.width || box.y2 > view.height || index.overlaps(box))) continue;
      index.add(box);
      // Baseline a fifth of the line above the box's bottom.
      placed.push({ text: c.text, className: c.className, x: (box.x1 + box.x2) / 2, y: box.y2 - h * 0.25, box });
      break;
    }
  }
  return placed;
}

/** A text width measurer on a shared 2D context (no layout, no DOM). */
export function textMeasurer(font: (className: string) => string): (text: string, className: string) => number {
  const context = new OffscreenCanvas(1, 1).getContext('2d');
  const cache = new Map<string, number>();
  return (text, className) => {
    const f = font(className);
    const key = `${f}|${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      if (context) context.font = f;
      w = context ? context.measureText(text).width : text.length * 7;
      if (cache.size > 20000) cache.clear();
      cache.set(key, w);
    }
    return w;
  };
}

/** The CSS font of a label of the layer by its class: group and column titles, place names, the selection, the others. */
export function labelFont(className: string, family: string): string {
  const font = /\b(group|column)\b/.test(className)
    ? '600 13px'
    : /\bplace\b/.test(className)
      ? 'italic 12px'
      : /\bselected\b/.test(className)
        ? '600 12px'
        : '12px';
  return `${font} ${family || 'sans-serif'}`;
}
