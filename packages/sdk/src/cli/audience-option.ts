import { readAudience, type Audience } from '../publish/audience.ts';
import { closestName } from './args.ts';
import { UsageError } from './context.ts';

/** The names `--audience` accepts: the three audiences and their French equivalents. */
const AUDIENCE_NAMES: readonly string[] = ['public', 'partners', 'internal', 'partenaires', 'interne'];

/**
 * Reads `--audience`: `public` when absent (the safe default of every output meant for others);
 * `public`, `partners`, `internal` or the French `partenaires`, `interne` (any case); anything else
 * is a usage error naming the closest valid name — never a silent fallback.
 */
export function readAudienceOption(value: string | undefined): Audience {
  if (value === undefined) return 'public';
  const folded = value.trim().toLowerCase();
  if (AUDIENCE_NAMES.includes(folded)) return readAudience(folded);
  const best = closestName(folded, AUDIENCE_NAMES);
  const hint = best ? { fr: ` (vouliez-vous dire \`${best}\` ?)`, en: ` (did you mean \`${best}\`?)` } : { fr: '', en: '' };
  throw new UsageError(
    `--audience attend public, partners (partenaires) ou internal (interne)${hint.fr}`,
    `--audience takes public, partners or internal${hint.en}`,
  );
}
