/**
 * The analysis engines of @toile/sdk, adapted to the API's response schemas: the server hands them
 * the document as the caller may see it and checks what they return against openapi.yaml.
 */
import { findSynergies, runDomino } from '@toile/sdk';
import type { AnalysisEngines } from './server.ts';
import type { DominoResult } from './types.ts';

/** The domino simulator: `runDomino`, keeping the fields `DominoResult` declares. */
export const dominoEngine: NonNullable<AnalysisEngines['domino']> = (doc, request) => {
  const outcome = runDomino(doc, {
    model: request.model,
    shocks: request.shocks,
    ...(request.threshold !== undefined ? { threshold: request.threshold } : {}),
    ...(request.recoveryDays !== undefined ? { recoveryDays: request.recoveryDays } : {}),
    ...(request.steps !== undefined ? { steps: request.steps } : {}),
    ...(request.includeStatuses ? { includeStatuses: request.includeStatuses } : {}),
  });
  const result: DominoResult = {
    model: outcome.model,
    results: outcome.results.map((r) => ({
      id: r.id,
      inoperability: r.inoperability,
      ...(r.failed !== undefined ? { failed: r.failed } : {}),
      ...(r.round !== undefined ? { round: r.round } : {}),
      jobsAtRisk: r.jobsAtRisk,
      ...(r.trajectory ? { trajectory: r.trajectory } : {}),
    })),
    totals: { ...outcome.totals },
  };
  return result;
};

/** The synergy finder: `findSynergies`, keeping the fields `SynergyMatch` declares. */
export const synergyEngine: NonNullable<AnalysisEngines['synergies']> = (doc, params) => {
  const result = findSynergies(doc, {
    ...(params.establishment ? { establishment: params.establishment } : {}),
    ...(params.top !== undefined ? { top: params.top } : {}),
    ...(params.radiusKm !== undefined ? { radiusKm: params.radiusKm } : {}),
    ...(params.family ? { family: params.family } : {}),
  });
  return result.matches.map((m) => ({
    offer: m.offer,
    need: m.need,
    from: m.from,
    to: m.to,
    score: m.score,
    parts: { ...m.parts },
    ...(m.distanceKm !== undefined ? { distanceKm: m.distanceKm } : {}),
    hazardous: m.hazardous,
    ...(m.transport !== undefined ? { transport: m.transport } : {}),
    ...(m.carbonIndex !== undefined ? { carbonIndex: m.carbonIndex } : {}),
  }));
};

/** Every engine available in the SDK today. */
export const sdkEngines: AnalysisEngines = { domino: dominoEngine, synergies: synergyEngine };
