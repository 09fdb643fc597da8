import type { Core, NodeSingular } from 'cytoscape';
import type { Caption } from './geo.ts';
import { BoxIndex, placeLabels, type LabelCandidate } from './labels.ts';

const SVG = 'http://www.w3.org/2000/svg';
/** Label line height in pixels (12 px text). */
export const LINE = 16;

/** What the label layer draws from. */
export interface LabelLayerInput {
  cy: Core;
  /** Nodes by importance, most important first. */
  order: readonly NodeSingular[];
  captions: readonly Caption[];
  selected: string | undefined;
  highlighted: ReadonlySet<string>;
  /** The selection's neighbourhood (to `depth`); empty without a selection. */
  neighbours: ReadonlySet<string>;
  /** Whether anything is faded (a selection or a highlight). */
  focused: boolean;
  measure: (text: string, className: string) => number;
}

/**
 * Redraws the layer: halos around the selection, the highlight and the neighbourhood, then the
 * captions (places, groups, columns), then names by importance — all in screen pixels. Returns the
 * number of names shown.
 */
export function drawLabelLayer(svg: SVGSVGElement, input: LabelLayerInput): number {
  const { cy } = input;
  const width = svg.clientWidth;
  const height = svg.clientHeight;
  const zoom = cy.zoom();
  const pan = cy.pan();
  const halos = document.createElementNS(SVG, 'g');
  const text = document.createElementNS(SVG, 'g');
  const index = new BoxIndex();
  // Captions first: they are few and give the map its bearings.
  const captionCandidates: LabelCandidate[] = input.captions.map((c) => ({
    text: c.text,
    x: c.x * zoom + pan.x,
    y: c.y * zoom + pan.y,
    r: c.kind === 'place' ? 3 : 0,
    className: c.kind,
  }));
  for (const c of captionCandidates) if (c.className === 'place') halos.append(circle(c.x, c.y, 3, 'place-dot'));
  const selected = input.selected ? cy.getElementById(input.selected) : undefined;
  // The selection and the highlight are named before anything else, captions included.
  const first: LabelCandidate[] = [];
  if (selected?.nonempty()) first.push(candidateOf(selected, 'label selected'));
  for (const id of input.highlighted) {
    const n = cy.getElementById(id);
    if (n.nonempty() && id !== input.selected) first.push(candidateOf(n as NodeSingular, 'label highlighted'));
  }
  const firstPlaced = placeLabels(first, input.measure, { width, height }, { lineHeight: LINE, max: 50, index });
  // Group and column captions are the layout's structure: always drawn; places give way to each other.
  const captions = placeLabels(
    captionCandidates,
    input.measure,
    { width, height },
    { lineHeight: LINE + 2, max: 200, index, force: (c) => c.className !== 'place' },
  );
  halos.append(...haloRings(input, selected));
  const seen = new Set<string>([...(selected?.nonempty() ? [selected.id()] : []), ...input.highlighted]);
  const names = placeLabels(
    nameCandidates(input, seen),
    input.measure,
    { width, height },
    { lineHeight: LINE, max: Math.max(12, Math.round((width * height) / 3500)), index },
  );
  for (const l of [...captions, ...firstPlaced, ...names]) text.append(textAt(l));
  svg.replaceChildren(halos, text);
  return firstPlaced.length + names.length;
}

function circle(x: number, y: number, r: number, className: string): SVGCircleElement {
  const c = document.createElementNS(SVG, 'circle');
  c.setAttribute('cx', x.toFixed(1));
  c.setAttribute('cy', y.toFixed(1));
  c.setAttribute('r', r.toFixed(1));
  c.setAttribute('class', className);
  return c;
}

function textAt(l: { x: number; y: number; className: string; text: string }): SVGTextElement {
  const t = document.createElementNS(SVG, 'text');
  t.setAttribute('x', l.x.toFixed(1));
  t.setAttribute('y', l.y.toFixed(1));
  t.setAttribute('class', l.className);
  t.textContent = l.text;
  return t;
}

/** A ring `extra` pixels around a node, in screen pixels. */
function ring(n: NodeSingular, className: string, extra: number): SVGCircleElement {
  const p = n.renderedPosition();
  return circle(p.x, p.y, n.renderedWidth() / 2 + extra, className);
}

/** Halos: the selection, its neighbourhood (at most about 300) and the highlight. */
function haloRings(input: LabelLayerInput, selected: NodeSingular | undefined): SVGCircleElement[] {
  const { cy } = input;
  const rings: SVGCircleElement[] = [];
  if (selected?.nonempty()) rings.push(ring(selected, 'halo selected', 6));
  let count = 0;
  for (const id of input.neighbours) {
    if (id === input.selected || count++ > 300) continue;
    const n = cy.getElementById(id);
    if (n.nonempty() && n.isNode()) rings.push(ring(n, 'halo neighbour', 3));
  }
  for (const id of input.highlighted) {
    const n = cy.getElementById(id);
    if (n.nonempty()) rings.push(ring(n as NodeSingular, 'halo highlighted', 5));
  }
  return rings;
}

/** Names by importance: the neighbourhood's first, then the others (dimmed while something is focused); `seen` are already named. */
function* nameCandidates(input: LabelLayerInput, seen: Set<string>): Generator<LabelCandidate> {
  for (const n of input.order) {
    if (seen.has(n.id()) || !input.neighbours.has(n.id())) continue;
    seen.add(n.id());
    yield candidateOf(n, 'label');
  }
  for (const n of input.order) {
    if (seen.has(n.id())) continue;
    yield candidateOf(n, input.focused ? 'label dim' : 'label');
  }
}

/**
 * Schedules redraws of the label layer: at most once an animation frame; with `settle`, only once the
 * view has not moved for 120 ms, the layer hidden meanwhile (class `moving`).
 */
export class LabelScheduler {
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly layer: () => SVGSVGElement | null,
    private readonly draw: (layer: SVGSVGElement) => void,
  ) {}

  /** Asks for a redraw (after the view settles when `settle`). */
  schedule(settle: boolean): void {
    if (!settle) return this.nextFrame();
    this.layer()?.classList.add('moving');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.layer()?.classList.remove('moving');
      this.nextFrame();
    }, 120);
  }

  /** Drops any pending redraw. */
  cancel(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private nextFrame(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const layer = this.layer();
      if (layer) this.draw(layer);
    });
  }
}

/** A node as a label candidate: its name (the selection's full name), at its rendered place and size. */
function candidateOf(n: NodeSingular, className: string): LabelCandidate {
  const p = n.renderedPosition();
  const text = (className.includes('selected') ? n.data('name') : n.data('label')) as string;
  return { text, x: p.x, y: p.y, r: n.renderedWidth() / 2, className: n.hasClass('external') ? `${className} outside` : className };
}
