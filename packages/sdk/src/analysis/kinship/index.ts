/**
 * Kinship and productive leaps (« parenté productive ») — how related two establishments are, and
 * the questions it answers: who here could make this, who are an establishment's nearest kin, which
 * products bought from outside are within its reach, which spare capacity is on offer.
 */
export { activityProximity, nafLevel, nafSection, parseNaf, NAF_LEVEL_SCORES, type NafCode, type NafLevel } from './naf.ts';
export { buildColocation, colocationOf, DEFAULT_MIN_TERRITORIES, type ColocationTable, type ColocationValue } from './colocation.ts';
export {
  prepareKinship,
  normaliseKinshipWeights,
  DEFAULT_KINSHIP_WEIGHTS,
  KINSHIP_PARTS,
  type KinshipContext,
  type KinshipData,
  type KinshipDocument,
  type KinshipTerritory,
  type KinshipPart,
  type KinshipWeights,
  type NafGroup,
  type PrepareKinshipOptions,
} from './context.ts';
export { ANCESTOR_WEIGHT, type ProfileBasis } from './profiles.ts';
export { relatedness, type Relatedness, type RelatednessParts } from './relatedness.ts';
export { findKin, type KinEntry, type KinOptions, type KinResult } from './kin.ts';
export { CODE_MATCH_SCORES, PROCESS_MATCH_SCORES, codeMatch as productCodeMatch, processMatch, type CodeMatch, type ProcessMatch } from './matches.ts';
export { findMakers, type Maker, type MakerEvidence, type MakerEvidenceKind, type MakerOptions, type MakerResult } from './makers.ts';
export { findLeaps, type Leap, type LeapEvidence, type LeapEvidenceKind, type LeapOptions, type LeapResult } from './leaps.ts';
export { KINSHIP_MATCH_WORDS } from './words.ts';
export { spareCapacity, type ServedNeed, type SpareByProcess, type SpareOffer, type SpareOptions, type SpareResult } from './capacity.ts';
