/** @toile/widgets — component classes (no side effects). Import `@toile/widgets/define` to register the tags. */
export { ToileElement } from './base/toile-element.ts';
export { defineElement } from './base/define.ts';
export { ToileData, type LoadedToile, type ToileOverlay } from './data/toile-data.component.ts';
export { ToileCompanyCard } from './company-card/company-card.component.ts';
export { ToileNetwork, type NetworkOverlayLegend } from './network/network.component.ts';
export { KIND_COLOURS, KIND_LABELS } from './base/kinds.ts';
export {
  ToileSynergyFinder,
  type SynergySelectDetail,
  type HighlightDetail,
  type PoolingSelectDetail,
  type SynergyQueryDetail,
  type CapabilitySelectDetail,
  type SynergyFinderMode,
} from './synergy-finder/synergy-finder.component.ts';
export {
  ToileDominoSimulator,
  type DominoRunResult,
  type DominoResultDetail,
  type DominoErrorDetail,
  type DominoErrorCode,
} from './domino-simulator/domino-simulator.component.ts';
export {
  ToileDeclarationForm,
  type Declaration,
  type DeclarationSubmitDetail,
  type DeclarationErrorDetail,
  type DeclarationErrorKind,
} from './declaration-form/declaration-form.component.ts';
export {
  ToileModeration,
  type ModerationFilter,
  type ModerationDecision,
  type ModerationDecideDetail,
  type ModerationErrorDetail,
} from './moderation/moderation.component.ts';
export { ToileWorkshop, type WorkshopAction, type WorkshopChangeDetail, type WorkshopErrorDetail } from './workshop/workshop.component.ts';
export type { ReportRow, ReportAction, FieldChange } from './workshop/report.ts';
export type { DeclarationReview, DeclaredRecord, ChangeEntry } from './moderation/api.ts';
export { setWorkerBase, getWorkerBase } from './base/worker.ts';
export { createDominoWorker, type WorkerFactory, type RankRequest } from './domino-simulator/domino-runner.ts';
export type {
  SelectDetail,
  SelectionChangeDetail,
  DataChangeDetail,
  DataErrorDetail,
  OverlayChangeDetail,
  NetworkReadyDetail,
  NetworkLayoutDetail,
  ToileEventDetails,
} from './events.ts';
