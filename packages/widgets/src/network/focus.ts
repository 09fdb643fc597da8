import type { CollectionReturnValue, Core } from 'cytoscape';
import { foldText } from '@toile/sdk';
import { fitView, type Caption } from './geo.ts';
import type { LargeView } from './large-view.ts';

/**
 * Marks the selection (`selected`), its upstream and downstream to `depth` steps and the highlighted
 * establishments (`highlighted`), and fades the rest unless `fade` is false (the kinship colours,
 * which must stay readable everywhere); returns what stays bright (empty when nothing is selected or
 * highlighted). One batch: one redraw.
 */
export function applyFocus(cy: Core, selected: string | undefined, depth: number, highlighted: readonly string[], fade = true): CollectionReturnValue {
  let keep = cy.collection();
  cy.batch(() => {
    cy.elements('.faded, .selected, .highlighted').removeClass('faded selected highlighted');
    const node = selected ? cy.getElementById(selected) : cy.collection();
    if (node.nonempty()) {
      let up = node;
      let down = node;
      for (let d = 0; d < Math.max(0, Math.min(5, depth)); d++) {
        up = up.union(up.incomers());
        down = down.union(down.outgoers());
      }
      keep = keep.union(node).union(up).union(down);
      node.addClass('selected');
    }
    const wanted = new Set(highlighted);
    const marked = wanted.size ? cy.nodes().filter((n) => wanted.has(n.id())) : cy.collection();
    if (marked.nonempty()) {
      marked.addClass('highlighted');
      keep = keep.union(marked).union(marked.edgesWith(marked));
    }
    if (fade && keep.nonempty()) cy.elements().not(keep).addClass('faded');
  });
  return keep;
}

/**
 * Establishments whose name holds the search (case and accents folded), to highlight on the canvas:
 * none above `limit` establishments (restyling the whole graph at each keystroke would freeze
 * typing; the list stays the search there), nor when every one matches.
 */
export function searchMatches(cy: Core, search: string, limit: number): string[] {
  const needle = foldText(search).trim();
  const nodes = cy.nodes();
  if (!needle || nodes.length > limit) return [];
  const found = nodes.filter((n) => foldText(n.data('name') as string).includes(needle)).map((n) => n.id());
  return found.length < nodes.length ? found : [];
}

/** Fits the given establishments (the units that hold them when aggregated), else the whole drawing with its captions. */
export function fitTo(cy: Core, ids: readonly string[] | undefined, large: LargeView | undefined, captions: readonly Caption[]): void {
  if (ids?.length) {
    const units = new Set(ids.map((id) => large?.unitOf(id) ?? id));
    cy.fit(
      cy.nodes().filter((n) => units.has(n.id())),
      30,
    );
    return;
  }
  const view = large ? large.fitViewport(cy.width(), cy.height()) : fitView(cy.nodes().boundingBox({}), captions, cy.width(), cy.height());
  if (view) cy.viewport(view);
}
