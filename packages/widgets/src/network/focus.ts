import type { CollectionReturnValue, Core } from 'cytoscape';

/**
 * Marks the selection (`selected`), its upstream and downstream to `depth` steps and the highlighted
 * establishments (`highlighted`), and fades the rest; returns what stays bright (empty when nothing
 * is selected or highlighted). One batch: one redraw.
 */
export function applyFocus(cy: Core, selected: string | undefined, depth: number, highlighted: readonly string[]): CollectionReturnValue {
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
    if (keep.nonempty()) cy.elements().not(keep).addClass('faded');
  });
  return keep;
}
