import type { Core } from 'cytoscape';
import { FLOW_KINDS, type FlowKind, type ToileDocument } from '@toile/schema';
import { KIND_COLOURS, KIND_LABELS } from '../base/kinds.ts';
import { LEGEND_TEXT, type NetworkOverlayLegend } from './legend.ts';
import { NEUTRAL, SECTOR_PALETTE, overlayColour, type SectorColours } from './palette.ts';
import { T } from './text.ts';

/** What an exported picture shows besides the graph. */
export interface ExportInput {
  cy: Core;
  host: HTMLElement;
  /** The stage: its outline, overlay and label layers are drawn as they are on screen. */
  stage: HTMLElement;
  title: string;
  attribution: string;
  legend: readonly { colour: string; text: string; shape: 'dot' | 'line' }[];
}

/** The legend of an exported picture: the overlay's scale, or the sectors and the flow kinds drawn. */
export function exportLegend(
  lang: 'fr' | 'en',
  sectors: SectorColours,
  overlay: NetworkOverlayLegend | undefined,
  kinds: readonly FlowKind[],
): ExportInput['legend'] {
  if (overlay) {
    const title = overlay.title ?? LEGEND_TEXT.overlay[lang];
    return [
      { colour: overlayColour(0), text: `${title} : ${overlay.low ?? '0 %'}`, shape: 'dot' },
      { colour: overlayColour(1), text: `${title} : ${overlay.high ?? '100 %'}`, shape: 'dot' },
      { colour: NEUTRAL, text: overlay.none ?? LEGEND_TEXT.notReached[lang], shape: 'dot' },
    ];
  }
  return [
    ...sectors.named.map((n) => ({ colour: SECTOR_PALETTE[n.index]!, text: n.sector, shape: 'dot' as const })),
    ...kinds.map((k) => ({ colour: KIND_COLOURS[k], text: KIND_LABELS[k][lang], shape: 'line' as const })),
  ];
}

/**
 * What a picture of the view shows: the document's title; its publisher and licence (else the
 * territory's name), the basemap's credit and Toile as attribution; the overlay's scale, or the
 * sectors and the flow kinds drawn, as legend.
 */
export function pictureInput(o: {
  cy: Core;
  host: HTMLElement;
  stage: HTMLElement;
  document: Pick<ToileDocument, 'meta' | 'territory'>;
  lang: 'fr' | 'en';
  sectors: SectorColours;
  overlay: NetworkOverlayLegend | undefined;
  /** The basemap's credit, when one is shown. */
  basemap: string | undefined;
}): ExportInput {
  const { meta, territory } = o.document;
  const owner = [meta.publisher, meta.license].filter(Boolean).join(' — ') || territory.name;
  const credit = o.basemap ? ` · ${T.basemap[o.lang]} : ${o.basemap}` : '';
  const drawn = new Set(o.cy.edges().map((e) => FLOW_KINDS.find((k) => e.hasClass(`k-${k}`))));
  return {
    cy: o.cy,
    host: o.host,
    stage: o.stage,
    title: meta.title,
    attribution: `${T.attribution[o.lang]} : ${owner}${credit} · Toile`,
    legend: exportLegend(
      o.lang,
      o.sectors,
      o.overlay,
      FLOW_KINDS.filter((k) => drawn.has(k)),
    ),
  };
}

const HEADER = 40;
const ROW = 20;
const FONT = (weight: string, size: number, family: string) => `${weight} ${size}px ${family}`;

/** Layout of the legend in rows across the picture's width. */
function legendRows(input: ExportInput, width: number, measure: (text: string) => number): { x: number; row: number; entry: ExportInput['legend'][number] }[] {
  const out: { x: number; row: number; entry: ExportInput['legend'][number] }[] = [];
  let x = 12;
  let row = 0;
  for (const entry of input.legend) {
    const w = 26 + measure(entry.text) + 16;
    if (x + w > width - 12 && x > 12) {
      x = 12;
      row++;
    }
    out.push({ x, row, entry });
    x += w;
  }
  return out;
}

/** The view as a PNG or SVG picture: title, territory outline, graph, names and halos, legend, attribution. */
export async function exportImage(format: 'png' | 'svg', input: ExportInput): Promise<Blob> {
  const style = getComputedStyle(input.host);
  const family = style.fontFamily || 'sans-serif';
  const fg = style.getPropertyValue('--_fg').trim() || '#1d2430';
  const bg = style.getPropertyValue('--_bg').trim() || '#ffffff';
  const width = input.stage.clientWidth;
  const height = input.stage.clientHeight;
  const probe = new OffscreenCanvas(1, 1).getContext('2d')!;
  probe.font = FONT('400', 12, family);
  const rows = legendRows(input, width, (t) => probe.measureText(t).width);
  const legendHeight = (rows.length ? rows[rows.length - 1]!.row + 1 : 0) * ROW + 8;
  const total = HEADER + height + legendHeight + ROW + 8;
  const outline = input.stage.querySelector('[part="outline"]');
  const labels = input.stage.querySelector<SVGSVGElement>('[part="labels"]');
  if (format === 'svg') return new Blob([svgPicture(input, { width, height, total, family, fg, bg, rows, outline, labels })], { type: 'image/svg+xml' });
  const ratio = 2;
  const canvas = new OffscreenCanvas(width * ratio, total * ratio);
  const c = canvas.getContext('2d')!;
  c.scale(ratio, ratio);
  c.fillStyle = bg;
  c.fillRect(0, 0, width, total);
  c.fillStyle = fg;
  c.font = FONT('600', 16, family);
  c.fillText(input.title, 12, 26, width - 24);
  c.save();
  c.translate(0, HEADER);
  c.beginPath();
  c.rect(0, 0, width, height);
  c.clip();
  paintOutline(c, input, outline, ratio, style);
  const graph = input.cy.png({ output: 'blob', full: false, scale: ratio, bg: 'rgba(0,0,0,0)' }) as unknown as Blob;
  c.drawImage(await createImageBitmap(graph), 0, 0, width, height);
  const overlay = input.stage.querySelector<HTMLCanvasElement>('[part="overlay"]');
  if (overlay && overlay.width) c.drawImage(overlay, 0, 0, width, height);
  if (labels) paintLabels(c, labels, family, fg, bg);
  c.restore();
  c.textAlign = 'left';
  c.font = FONT('400', 12, family);
  paintLegend(c, rows, HEADER + height + 8, fg);
  c.fillStyle = style.getPropertyValue('--_muted').trim() || '#5a6472';
  c.font = FONT('400', 11, family);
  c.fillText(input.attribution, 12, total - 10, width - 24);
  return canvas.convertToBlob({ type: 'image/png' });
}

/** The territory outline, from its SVG path in drawing units, at the view's pan and zoom. */
function paintOutline(c: OffscreenCanvasRenderingContext2D, input: ExportInput, outline: Element | null, ratio: number, style: CSSStyleDeclaration): void {
  const path = outline?.querySelector('path')?.getAttribute('d');
  if (!path) return;
  const { x, y } = input.cy.pan();
  const z = input.cy.zoom();
  c.save();
  c.setTransform(ratio * z, 0, 0, ratio * z, ratio * x, ratio * (y + HEADER));
  const shape = new Path2D(path);
  c.fillStyle = 'rgba(11, 92, 173, 0.06)';
  c.fill(shape);
  c.restore();
  c.save();
  c.setTransform(ratio, 0, 0, ratio, 0, ratio * HEADER);
  c.translate(x, y);
  c.scale(z, z);
  c.lineWidth = 2 / z;
  c.setLineDash([6 / z, 4 / z]);
  c.strokeStyle = style.getPropertyValue('--_accent').trim() || '#0b5cad';
  c.stroke(shape);
  c.restore();
}

/** The label layer's halos and names (SVG in screen pixels), with the page's computed styles. */
function paintLabels(c: OffscreenCanvasRenderingContext2D, labels: SVGSVGElement, family: string, fg: string, bg: string): void {
  for (const el of labels.querySelectorAll('circle, text')) {
    const computed = getComputedStyle(el);
    if (el instanceof SVGCircleElement) {
      c.beginPath();
      c.arc(Number(el.getAttribute('cx')), Number(el.getAttribute('cy')), Number(el.getAttribute('r')), 0, 2 * Math.PI);
      if (computed.fill && computed.fill !== 'none') {
        c.fillStyle = computed.fill;
        c.fill();
      }
      if (computed.stroke && computed.stroke !== 'none') {
        c.strokeStyle = computed.stroke;
        c.lineWidth = parseFloat(computed.strokeWidth) || 1;
        c.stroke();
      }
      continue;
    }
    c.font = `${computed.fontStyle} ${computed.fontWeight} ${computed.fontSize} ${family}`;
    c.textAlign = 'center';
    c.lineJoin = 'round';
    c.strokeStyle = bg;
    c.lineWidth = 3;
    const x = Number(el.getAttribute('x'));
    const y = Number(el.getAttribute('y'));
    c.strokeText(el.textContent ?? '', x, y);
    c.fillStyle = computed.fill || fg;
    c.fillText(el.textContent ?? '', x, y);
  }
}

/** The legend rows under the drawing, from `top`. */
function paintLegend(c: OffscreenCanvasRenderingContext2D, rows: ReturnType<typeof legendRows>, top: number, fg: string): void {
  for (const { x, row, entry } of rows) {
    const y = top + row * ROW;
    c.fillStyle = entry.colour;
    c.strokeStyle = entry.colour;
    if (entry.shape === 'dot') {
      c.beginPath();
      c.arc(x + 8, y + 8, 6, 0, 2 * Math.PI);
      c.fill();
    } else {
      c.lineWidth = 3;
      c.beginPath();
      c.moveTo(x, y + 8);
      c.lineTo(x + 20, y + 8);
      c.stroke();
    }
    c.fillStyle = fg;
    c.fillText(entry.text, x + 26, y + 12);
  }
}

const escape = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

/** The same picture as SVG: nodes and edges as shapes (from cytoscape's rendered geometry), names as text. */
function svgPicture(
  input: ExportInput,
  o: {
    width: number;
    height: number;
    total: number;
    family: string;
    fg: string;
    bg: string;
    rows: ReturnType<typeof legendRows>;
    outline: Element | null;
    labels: SVGSVGElement | null;
  },
): string {
  const { cy } = input;
  const z = cy.zoom();
  const pan = cy.pan();
  const parts: string[] = [];
  const path = o.outline?.querySelector('path')?.getAttribute('d');
  if (path)
    parts.push(
      `<path d="${escape(path)}" transform="translate(${pan.x} ${pan.y}) scale(${z})" fill="rgba(11,92,173,0.06)" stroke="#0b5cad" stroke-width="${2 / z}" stroke-dasharray="${6 / z} ${4 / z}"/>`,
    );
  cy.edges().forEach((e) => {
    if (!e.visible()) return;
    const a = e.sourceEndpoint();
    const b = e.targetEndpoint();
    parts.push(
      `<line x1="${(a.x * z + pan.x).toFixed(1)}" y1="${(a.y * z + pan.y).toFixed(1)}" x2="${(b.x * z + pan.x).toFixed(1)}" y2="${(b.y * z + pan.y).toFixed(1)}" stroke="${escape(String(e.style('line-color')))}" stroke-width="${(parseFloat(String(e.style('width'))) * z).toFixed(2)}" stroke-opacity="${e.effectiveOpacity().toFixed(2)}"${e.hasClass('inactive') ? ' stroke-dasharray="4 3"' : ''}/>`,
    );
  });
  cy.nodes().forEach((n) => {
    const p = n.renderedPosition();
    const r = n.renderedWidth() / 2;
    const fill = escape(String(n.style('background-color')));
    const opacity = n.effectiveOpacity().toFixed(2);
    parts.push(
      n.hasClass('external')
        ? `<path d="M${p.x} ${p.y - r}L${p.x + r} ${p.y}L${p.x} ${p.y + r}L${p.x - r} ${p.y}Z" fill="${fill}" fill-opacity="0.35" stroke="#8a8f98" stroke-dasharray="3 2" opacity="${opacity}"/>`
        : `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${r.toFixed(1)}" fill="${fill}" opacity="${opacity}"/>`,
    );
  });
  for (const el of o.labels?.querySelectorAll('circle, text') ?? []) {
    const s = getComputedStyle(el);
    if (el instanceof SVGCircleElement)
      parts.push(
        `<circle cx="${el.getAttribute('cx')}" cy="${el.getAttribute('cy')}" r="${el.getAttribute('r')}" fill="${escape(s.fill)}" stroke="${escape(s.stroke)}" stroke-width="${escape(s.strokeWidth)}"/>`,
      );
    else
      parts.push(
        `<text x="${el.getAttribute('x')}" y="${el.getAttribute('y')}" text-anchor="middle" font-size="${escape(s.fontSize)}" font-weight="${escape(s.fontWeight)}" font-style="${escape(s.fontStyle)}" fill="${escape(s.fill)}" stroke="${escape(o.bg)}" stroke-width="3" paint-order="stroke">${escape(el.textContent ?? '')}</text>`,
      );
  }
  const legend = o.rows.map(({ x, row, entry }) => {
    const y = o.height + 8 + row * ROW;
    const key =
      entry.shape === 'dot'
        ? `<circle cx="${x + 8}" cy="${y + 8}" r="6" fill="${escape(entry.colour)}"/>`
        : `<line x1="${x}" y1="${y + 8}" x2="${x + 20}" y2="${y + 8}" stroke="${escape(entry.colour)}" stroke-width="3"/>`;
    return `${key}<text x="${x + 26}" y="${y + 12}" font-size="12" fill="${escape(o.fg)}">${escape(entry.text)}</text>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${o.width}" height="${o.total}" viewBox="0 0 ${o.width} ${o.total}" font-family="${escape(o.family)}">
<rect width="100%" height="100%" fill="${escape(o.bg)}"/>
<text x="12" y="26" font-size="16" font-weight="600" fill="${escape(o.fg)}">${escape(input.title)}</text>
<svg y="${HEADER}" width="${o.width}" height="${o.height}" overflow="hidden">${parts.join('\n')}</svg>
<g transform="translate(0 ${HEADER})">${legend.join('\n')}</g>
<text x="12" y="${o.total - 10}" font-size="11" fill="#5a6472">${escape(input.attribution)}</text>
</svg>
`;
}

/** Offers a blob to the reader as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
