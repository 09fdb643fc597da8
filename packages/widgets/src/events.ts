/**
 * The `detail` of each event the Toile elements fire, by event name. The custom elements manifest
 * (custom-elements-manifest.config.mjs) types each `@event` with these, so the generated JSX typings
 * give `ontoile-…` props a typed `event.detail`.
 */
import type { DominoErrorDetail, DominoResultDetail } from './domino-simulator/domino-simulator.component.ts';
import type { DeclarationErrorDetail, DeclarationSubmitDetail } from './declaration-form/declaration-form.component.ts';
import type { ModerationDecideDetail, ModerationErrorDetail } from './moderation/moderation.component.ts';
import type { WorkshopChangeDetail, WorkshopErrorDetail } from './workshop/workshop.component.ts';
import type { ToileOverlay } from './data/toile-data.component.ts';
import type {
  CapabilitySelectDetail,
  HighlightDetail,
  PoolingSelectDetail,
  SynergyQueryDetail,
  SynergySelectDetail,
} from './synergy-finder/synergy-finder.component.ts';

/** Detail of `toile-select`: an establishment was chosen (by id). */
export interface SelectDetail {
  id: string;
}

/** Detail of `toile-selection-change`: the shared selection, or null when nothing is selected. */
export interface SelectionChangeDetail {
  id: string | null;
}

/** Detail of `toile-data-change`: how many establishments and flows the loaded document has. */
export interface DataChangeDetail {
  establishments: number;
  flows: number;
}

/** Detail of `toile-data-error`: why the data could not be loaded or read. */
export interface DataErrorDetail {
  message: string;
}

/** Detail of `toile-overlay-change`: the overlay now shared by the networks of a `<toile-data>`, undefined when cleared. */
export interface OverlayChangeDetail {
  overlay: ToileOverlay | undefined;
}

/** Detail of `toile-network-ready`: what was drawn, and the milliseconds from data to first frame. */
export interface NetworkReadyDetail {
  nodes: number;
  edges: number;
  ms: number;
}

/** Detail of `toile-network-layout`: a frame of the force layout was drawn; `done` on the last; ms since it started. */
export interface NetworkLayoutDetail {
  done: boolean;
  ms: number;
}

/** Every event of the kit and its detail (for `addEventListener` in TypeScript, say). */
export interface ToileEventDetails {
  'toile-select': SelectDetail;
  'toile-selection-change': SelectionChangeDetail;
  'toile-highlight-change': HighlightDetail;
  'toile-highlight': HighlightDetail;
  'toile-data-change': DataChangeDetail;
  'toile-data-error': DataErrorDetail;
  'toile-overlay-change': OverlayChangeDetail;
  'toile-network-ready': NetworkReadyDetail;
  'toile-network-layout': NetworkLayoutDetail;
  'toile-synergy-select': SynergySelectDetail;
  'toile-pooling-select': PoolingSelectDetail;
  'toile-synergy-query': SynergyQueryDetail;
  'toile-capability-select': CapabilitySelectDetail;
  'toile-domino-result': DominoResultDetail;
  'toile-domino-error': DominoErrorDetail;
  'toile-declaration-submit': DeclarationSubmitDetail;
  'toile-declaration-error': DeclarationErrorDetail;
  'toile-moderation-decide': ModerationDecideDetail;
  'toile-moderation-error': ModerationErrorDetail;
  'toile-workshop-change': WorkshopChangeDetail;
  'toile-workshop-error': WorkshopErrorDetail;
}
