/**
 * The states of an establishment after a domino simulation, defined once for every model (cascade,
 * IIM, dynamic IIM) and used by the totals, the systemic ranking, the CLI and the widgets.
 */

/** Default threshold of the severe state: the cascade's default failure threshold. */
export const SEVERE_FROM = 0.5;

/**
 * The state of an establishment, from its inoperability q (share of its activity lost; for the
 * dynamic IIM, the peak over the period):
 * - `stopped`: failed in the cascade, or q = 1 (IIM / dynamic IIM);
 * - `severe` (severely affected): q ≥ the threshold (default {@link SEVERE_FROM}, the cascade's), not stopped;
 * - `affected`: q > 0 (as reported, to 6 decimals), below the threshold;
 * - `unaffected`: q = 0.
 * Each state includes the ones after it in counts: the stopped are also severely affected, and both affected.
 */
export type EstablishmentState = 'stopped' | 'severe' | 'affected' | 'unaffected';

/** q is rounded to this many decimals before the states are told (so that 1 − 1e-12 is 1 and 1e-12 is 0). */
const DECIMALS = 1e6;

/**
 * The state of an establishment.
 *
 * @param q - inoperability in [0, 1]
 * @param failed - cascade: the establishment failed (shocked ones included)
 * @param threshold - the severe threshold (default {@link SEVERE_FROM})
 * @example
 * ```ts
 * establishmentState(0.944); // 'severe'
 * establishmentState(0.4, { failed: true }); // 'stopped' (a cascade failure)
 * ```
 */
export function establishmentState(q: number, options: { failed?: boolean; threshold?: number } = {}): EstablishmentState {
  if (options.failed) return 'stopped';
  const r = Math.round(q * DECIMALS) / DECIMALS;
  if (r >= 1) return 'stopped';
  if (r >= (options.threshold ?? SEVERE_FROM)) return 'severe';
  return r > 0 ? 'affected' : 'unaffected';
}

/** Labels of the states, French and English, as the CLI and the widgets show them. */
export const STATE_LABELS: Readonly<Record<EstablishmentState, { fr: string; en: string }>> = {
  stopped: { fr: 'à l’arrêt', en: 'stopped' },
  severe: { fr: 'gravement touché', en: 'severely affected' },
  affected: { fr: 'touché', en: 'affected' },
  unaffected: { fr: 'non touché', en: 'unaffected' },
};

/** One line for readers: the definitions of the states (the threshold in %). */
export function stateDefinitions(threshold: number = SEVERE_FROM): { fr: string; en: string } {
  const pct = Math.round(threshold * 1000) / 10;
  return {
    fr: `touché : perte d’activité > 0 ; gravement touché : ≥ ${String(pct).replace('.', ',')} % ; à l’arrêt : défaillant dans la cascade, ou 100 %`,
    en: `affected: activity lost > 0; severely affected: ≥ ${pct} %; stopped: failed in the cascade, or 100 %`,
  };
}

/**
 * Why a shocked establishment can lose more than its own shock in the IIM: its suppliers and
 * customers, hit by its shock, pass part of their loss back to it. Reported as `feedback = q − shock`.
 */
export const FEEDBACK_NOTE: Readonly<{ fr: string; en: string }> = {
  fr: 'Un site choqué peut perdre plus que son choc : ses fournisseurs et clients, touchés par lui, lui renvoient une part de leur perte (rétroaction = perte − choc).',
  en: 'A shocked site can lose more than its shock: its suppliers and customers, hit by it, pass part of their loss back to it (feedback = loss − shock).',
};
