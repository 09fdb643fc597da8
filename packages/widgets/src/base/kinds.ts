import { unsafeCSS } from 'lit';
import { FLOW_KIND_LABELS, type FlowKind } from '@toile/schema';
import type { Message } from './i18n.ts';

/** Names of the flow kinds, French and English, shared by every widget (from @toile/schema). */
export const KIND_LABELS: Readonly<Record<FlowKind, Message>> = FLOW_KIND_LABELS;

/** Colours of the flow kinds, shared by the canvas and the legends. */
export const KIND_COLOURS: Readonly<Record<FlowKind, string>> = {
  supply: '#4e79a7',
  subcontracting: '#76b7b2',
  service: '#9c755f',
  byproduct: '#59a14f',
  energy: '#e15759',
  water: '#2f9fd8',
  knowledge: '#b07aa1',
  logistics: '#f28e2b',
  pooling: '#bab0ac',
};

/**
 * One class per flow kind (`kind-supply`…) setting `--_kind` to its colour: legends colour their
 * swatches through it, because a `style` attribute would be refused under a strict CSP.
 */
export const kindStyles = unsafeCSS((Object.keys(KIND_COLOURS) as FlowKind[]).map((k) => `.kind-${k} { --_kind: ${KIND_COLOURS[k]}; }`).join('\n'));
