/**
 * The synergy finder's public types: options, results and the scored pair. See ./index.ts for what
 * the finder does.
 */
import type { FlowKind, FlowStatus, Item, Quantity } from '@toile/schema';
import type { GraphIndex } from '../../graph/build-index.ts';
import type { LatLonLike } from '../../geo/haversine.ts';
import type { ItemMatch } from '../items.ts';
import type { TransportEstimate, TransportSettings } from '../transport.ts';

/** Weights of the score's parts; they are rescaled to sum to 1. */
export interface SynergyWeights {
  item: number;
  distance: number;
  quantity: number;
  kind: number;
}

/** The four parts of a score, each in 0–1. */
export interface SynergyParts {
  item: number;
  distance: number;
  quantity: number;
  kind: number;
}

/** A scored pair: the score and what it is made of. */
export interface ScoredPair {
  /** 0–1, the weighted sum of `parts` (rounded to 4 decimals). */
  score: number;
  parts: SynergyParts;
  /** Which level of the item comparison gave `parts.item`. */
  itemMatch: ItemMatch;
  /** Great-circle distance; absent when either end is not located. */
  distanceKm?: number;
  /** What the distance part is made of (mode, cost and value per tonne); absent when unlocated. */
  transport?: TransportEstimate;
  /** Either item is a hazardous waste (asterisk in the European List of Waste). */
  hazardous: boolean;
  /**
   * Relative carbon index — NOT tonnes of CO2e: exchanged t/yr × the family's weighting in the
   * Scottish Carbon Metric (textiles = 100), when both are known. Compares candidates with each
   * other; no absolute avoided emissions are stated (no openly licensed absolute factors shipped).
   */
  carbonIndex?: number;
}

/** A candidate synergy: `from` could give `to` what `need` asks for. */
export interface SynergyMatch extends ScoredPair {
  /** Id of the offer resource. */
  offer: string;
  /** Id of the need resource, or of the flow from outside whose input could be sourced locally. */
  need: string;
  /** Giver and receiver establishments. */
  from: string;
  to: string;
  /** Whether the need is a declared need or an input seen in a flow from outside. */
  needSource: 'resource' | 'flow';
}

/** Establishments near each other declaring the same need: candidates for pooling. */
export interface PoolingCandidate {
  /** What is needed: `code:…`, `family:…` or `label:…`. */
  key: string;
  item: { code?: string; family?: string; label?: string };
  /** The establishment the others are within `radiusKm` of (the first to declare the need). */
  leader: string;
  /** Establishments in the group. */
  size: number;
  /** Leader first, then the nearest others; at most `poolingMembers` of the `size`. */
  establishments: string[];
  /** The needs of the listed establishments. */
  needs: string[];
  /** Farthest member from the leader. */
  maxDistanceKm: number;
  /** Sum of the known needs in the most used dimension, in its base unit. */
  quantity?: { value: number; unit: string };
}

/** Options of {@link findSynergies}. */
export interface SynergyOptions {
  /** Candidates farther apart are left out (default 50 km). */
  radiusKm?: number;
  /** Materials: transport costs, bulk threshold and default value per tonne of the distance part (defaults: `DEFAULT_TRANSPORT`, assumptions). */
  transport?: Partial<TransportSettings>;
  /** Energy and utilities (pipe or wire): distance at which the distance part halves (default radiusKm / 2). */
  halfDistanceKm?: number;
  /** Best candidates kept (default 50; Infinity for all). Also caps the pooling list. */
  top?: number;
  /** Best offers kept per need (default 3). */
  perNeed?: number;
  /** Candidates scoring below are left out (default 0). */
  minScore?: number;
  /** Keep candidates where this establishment gives or receives (and pooling around it). */
  establishment?: string;
  /** Keep offers and needs of this family only. */
  family?: string;
  /**
   * Keep candidates where the offer's or the need's item code is this code or falls under it: same
   * scheme, digits starting with these (`ewc:1002` an EWC sub-chapter, `ewc:10` a chapter; bare EWC
   * digits such as `10 02` are read as EWC). Pooling candidates: the needs of such codes only.
   * Applied before ranking: `top` and `perNeed` count the candidates kept.
   */
  code?: string;
  /**
   * Keep the candidates for this need alone: the id of a declared need or of a flow from outside
   * (none when no need has this id). Pooling candidates: the groups that list it. `perNeed` still
   * applies: raise it to see more than the need's best 3.
   */
  need?: string;
  /**
   * Leave out candidates where the offer's or the need's item is a hazardous waste (`hazardous`
   * true), before ranking: `top` and `perNeed` count the others. Pooling candidates are not filtered.
   */
  excludeHazardous?: boolean;
  weights?: Partial<SynergyWeights>;
  /** Match offers to inputs bought from outside, seen in flows (default true). */
  flowNeeds?: boolean;
  /** Look for pooling candidates (default true). */
  pooling?: boolean;
  /** Establishments listed per pooling candidate at most, nearest the leader first (default 100). */
  poolingMembers?: number;
}

/** What {@link findSynergies} returns. */
export interface SynergyResult {
  /** Best first. */
  matches: SynergyMatch[];
  /** Largest groups first. */
  pooling: PoolingCandidate[];
  /** True when `options.establishment` is not an establishment of the document. */
  unknownEstablishment: boolean;
  settings: {
    radiusKm: number;
    halfDistanceKm: number;
    transport: TransportSettings;
    top: number;
    perNeed: number;
    weights: SynergyWeights;
  };
  /** Offers, declared needs and inputs from outside that took part. */
  considered: { offers: number; needs: number; flowNeeds: number };
}

/** One side of a pair scored by {@link scoreSynergy}. */
export interface SynergySide {
  kind: FlowKind;
  item?: Item;
  quantity?: Quantity;
  location?: LatLonLike;
  /** What a tonne of the item is worth (€/t), when known; the need's is used first. */
  valuePerTonne?: number;
}

/** Options of {@link prepareSynergies}. */
export interface PrepareSynergyOptions {
  /** An index already built for the document (saves the id map). */
  index?: GraphIndex;
  /** Statuses of the flows whose inputs from outside become needs (default `active`). */
  flowStatuses?: readonly FlowStatus[];
}
