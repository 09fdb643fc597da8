/**
 * Validation resolves every flow's `from` and `to` to an establishment position; buildIndex needs
 * the same. To do that work once, validateToile leaves the positions here, keyed by the document it
 * returns (weakly, so nothing leaks). buildIndex checks each remembered position against the ids
 * before trusting it, so a document edited after validation is still indexed correctly.
 */
import type { ToileDocument } from '@toile/schema';

/** Positions in `establishments` of each flow's ends, in `flows` order. */
export interface FlowEndPositions {
  readonly from: Int32Array;
  readonly to: Int32Array;
}

const remembered = new WeakMap<object, FlowEndPositions>();

/** Called by validateToile on the document it returns. */
export function rememberFlowEnds(doc: ToileDocument, ends: FlowEndPositions): void {
  remembered.set(doc, ends);
}

/** The positions remembered for this document, if any and if the flow count still matches. */
export function recallFlowEnds(doc: Pick<ToileDocument, 'flows'>): FlowEndPositions | undefined {
  const ends = remembered.get(doc);
  return ends && ends.from.length === doc.flows.length ? ends : undefined;
}
