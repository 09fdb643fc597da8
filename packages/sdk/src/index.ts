/**
 * @toile/sdk — load, validate, index and analyse Toile documents.
 *
 * @example
 * ```ts
 * import { readToileText, buildIndex } from '@toile/sdk';
 * const { data, problems } = readToileText(text);
 * const index = buildIndex(data!);
 * ```
 */
export { validateToile } from './validate/validate.ts';
export type { Problem, Severity, ValidateOptions, ValidationResult, RemovedCounts } from './validate/validate.ts';
export { SEMANTIC_MESSAGES, type SemanticCode, type MessageParams } from './validate/messages.ts';
export { isValidSiret, luhnCheckDigit } from './validate/siret.ts';
export { parseJson, positionAt, type ParseJsonResult, type TextPosition } from './load/parse.ts';
export { readToileText } from './load/text.ts';
export { jsonChunks, LazyJsonArray, LazyJsonObject, type JsonChunkOptions } from './io/write-json.ts';
export { batchChunks, CHUNK_CHARS } from './io/chunks.ts';
export { DEFAULT_MAX_FILE_BYTES, MAX_STRING_LENGTH } from './io/limits.ts';
export { buildIndex, edgeMask, FLOW_STATUSES, type GraphIndex, type EdgeFilter } from './graph/build-index.ts';
export {
  isToileColumns,
  recordAt,
  columnTypeOf,
  cellValue,
  type ToileColumns,
  type TableColumns,
  type Column,
  type ColumnType,
  type NumberColumn,
  type BooleanColumn,
  type CodeColumn,
  type TextColumn,
  type ListColumn,
  type ColumnSelection,
} from './columnar/columns.ts';
export { columnsFromDocument } from './columnar/from-document.ts';
export { buildIndexFromColumns, INDEX_COLUMNS } from './columnar/build-index.ts';
export { publishColumns, type PublishColumnsResult } from './columnar/publish.ts';
export { documentFromColumns, lazyDocument, tableRecords } from './columnar/document.ts';
export { validateColumns, type ColumnsValidateOptions, type ColumnsValidationResult } from './columnar/validate.ts';
export { recordsOf, indexOf, type ToileData, type ToileRecords, type RecordsInput } from './columnar/records.ts';
export { toBaseQuantity, edgeBaseQuantities, type BaseQuantity, type EdgeBaseQuantities } from './graph/base-quantity.ts';
export { toPointer, parsePointer, escapePointerToken } from './util/pointer.ts';
export { foldText } from './util/fold.ts';
export type * from '@toile/schema';
export { mergeToile, normaliseName, type MergeResult, type MergeConflict, type MergeMatch, type MergeOptions } from './merge/merge.ts';
export { mergeColumns, type MergeColumnsResult } from './columnar/merge.ts';
export { publishToile, type PublishOptions, type PublishResult } from './publish/publish.ts';
export {
  readConfidentiality,
  isConfidentiality,
  isConfidentialityAlias,
  stricterLevel,
  isVisibleTo,
  readAudience,
  isAudience,
  AUDIENCES,
  CONFIDENTIALITY_LEVELS,
  type Audience,
} from './publish/audience.ts';
export { loadToile, ToileLoadError, type LoadOptions, type LoadResult, type LoadErrorKind } from './load/load.ts';
export { ToileRequestError, type RequestErrorKind, type HttpErrorKind, type ToileRequestErrorInit } from './io/http.ts';
export { toGexf, gexfChunks, GEXF_VERSIONS, type GexfOptions, type GexfVersion } from './export/gexf.ts';
export { toGraphml, graphmlChunks } from './export/graphml.ts';
export { toGeoJson, geoJsonChunks, type ToileFeature, type ToileFeatureCollection } from './export/geojson.ts';
export { toJgf, jgfChunks, type JsonGraph } from './export/jgf.ts';
export { escapeXml, NODE_ATTRIBUTES, EDGE_ATTRIBUTES, type ExportAttribute, type AttributeType } from './export/attributes.ts';
export { csvCell, csvLine, escapeFormula, type CsvCellValue, type CsvDelimiter } from './csv/cell.ts';
export {
  createToileClient,
  ToileApiError,
  isProblemDetails,
  isValidationReport,
  type ToileClient,
  type ToileClientOptions,
  type CallOptions,
  type ToileApiErrorKind,
  type ToileApiErrorInit,
  type OperationId,
  type ResponseOf,
  type QueryOf,
  type PathOf,
  type BodyOf,
  type ProblemDetails,
  type TerritoryId,
  type EstablishmentId,
} from './client/client.ts';
export { buildDependencyMatrix, type DependencyMatrix, type DerivationReport, type MatrixOptions } from './domino/matrix.ts';
export {
  simulateCascade,
  simulateIim,
  simulateDiim,
  THRESHOLD_SLACK,
  type NodeShock,
  type CascadeResult,
  type IimResult,
  type IimOptions,
  type DiimResult,
  type DiimOptions,
} from './domino/models.ts';
export {
  runDomino,
  prepareDomino,
  resolveShocks,
  createScenario,
  runScenario,
  saveScenario,
  compareScenarios,
  type DominoModel,
  type DominoShock,
  type DominoRequest,
  type DominoOutcome,
  type DominoTotals,
  type DominoEstablishmentResult,
  type PreparedDomino,
  type ScenarioComparison,
} from './domino/simulate.ts';
export { rankSystemic, type SystemicEntry, type SystemicOptions } from './domino/systemic.ts';
export { establishmentState, stateDefinitions, SEVERE_FROM, STATE_LABELS, FEEDBACK_NOTE, type EstablishmentState } from './domino/states.ts';
export { analyseStructure, type StructureOptions, type StructureResult, type EstablishmentStructure, type Bridge } from './analysis/structure.ts';
export {
  pageRank,
  betweenness,
  BETWEENNESS_EXACT_LIMIT,
  type PageRankOptions,
  type PageRankResult,
  type BetweennessOptions,
  type BetweennessResult,
} from './analysis/centrality.ts';
export {
  cutStructure,
  neighbourhood,
  type CutStructure,
  type NeighbourhoodOptions,
  type NeighbourhoodResult,
  type NeighbourEntry,
} from './analysis/connectivity.ts';
export { localAnchoring, type Anchoring, type AnchoringOptions, type AnchoringResult, type Shares } from './analysis/anchoring.ts';
export { criticalDependencies, type CriticalDependency, type CriticalDependencyOptions, type CriticalDependencyResult } from './analysis/dependencies.ts';
export { edgeQuantities, BASE_UNITS, type EdgeQuantities } from './analysis/edge-quantities.ts';
export { adjacency, type Adjacency, type AdjacencyDirection } from './analysis/adjacency.ts';
export { findGaps, type GapEntry, type GapOptions, type GapResult } from './analysis/gaps.ts';
export { findAlternativeSources, type AlternativeSource, type AlternativeSourceOptions, type AlternativeSourceResult } from './analysis/sources.ts';
export {
  findSynergies,
  prepareSynergies,
  scoreSynergy,
  DEFAULT_SYNERGY_WEIGHTS,
  type SynergyMatch,
  type SynergyParts,
  type SynergyWeights,
  type SynergyOptions,
  type SynergyResult,
  type SynergySide,
  type ScoredPair,
  type PoolingCandidate,
  type PreparedSynergies,
  type PrepareSynergyOptions,
} from './analysis/synergies/index.ts';
export {
  prepareKinship,
  relatedness,
  activityProximity,
  parseNaf,
  buildColocation,
  colocationOf,
  NAF_LEVEL_SCORES,
  DEFAULT_KINSHIP_WEIGHTS,
  DEFAULT_MIN_TERRITORIES,
  KINSHIP_PARTS,
  type KinshipContext,
  type KinshipData,
  type KinshipDocument,
  type KinshipTerritory,
  type KinshipPart,
  type KinshipWeights,
  type PrepareKinshipOptions,
  type Relatedness,
  type RelatednessParts,
  type NafCode,
  type NafLevel,
  type ColocationTable,
  type ColocationValue,
  findKin,
  findMakers,
  findLeaps,
  spareCapacity,
  KINSHIP_MATCH_WORDS,
  CODE_MATCH_SCORES,
  PROCESS_MATCH_SCORES,
  type KinEntry,
  type KinOptions,
  type KinResult,
  type Maker,
  type MakerEvidence,
  type MakerEvidenceKind,
  type MakerOptions,
  type MakerResult,
  type Leap,
  type LeapEvidence,
  type LeapEvidenceKind,
  type LeapOptions,
  type LeapResult,
  type ServedNeed,
  type SpareByProcess,
  type SpareOffer,
  type SpareOptions,
  type SpareResult,
  type CodeMatch,
  type ProcessMatch,
} from './analysis/kinship/index.ts';
export {
  avoidedEmissions,
  avoidedEmissionsOfExchange,
  avoidedEmissionsBasis,
  co2eOrderOfMagnitude,
  formatCo2eOrder,
  describeAvoidedEmissions,
  type AvoidedEmissions,
  type ExchangeSide,
  type Co2eOrderOptions,
} from './analysis/avoided-emissions.ts';
export {
  DEFAULT_TRANSPORT,
  TRANSPORT_COST_SOURCES,
  cheapestCost,
  transportPart,
  type TransportMode,
  type ModeCost,
  type TransportSettings,
  type TransportEstimate,
  type TransportCostSource,
  type ValueBasis,
} from './analysis/transport.ts';
export {
  parseItem,
  parseEwcCode,
  itemSearchText,
  matchesItemQuery,
  itemCompatibility,
  kindCompatibility,
  itemKey,
  normaliseLabel,
  ITEM_MATCH_SCORES,
  type ParsedItem,
  type ItemMatch,
} from './analysis/items.ts';
export { haversineKm, distanceKm, EARTH_RADIUS_KM, type LatLonLike } from './geo/haversine.ts';
export { dependencyOf } from './domino/matrix.ts';
export { AFFECTED_FROM, STOPPED_FROM, type PrepareOptions } from './domino/simulate.ts';
export { SUPPORT_KINDS } from './domino/matrix.ts';
export { mulberry32 } from './analysis/random.ts';
