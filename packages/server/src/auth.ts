/**
 * Who is calling: bearer tokens give roles, and each role reads one audience of the shared rule of
 * @toile/sdk (`isVisibleTo` through `publishToile`) — the server has no visibility rule of its own.
 *
 * | role        | token                                   | reads (audience) | writes |
 * | ----------- | --------------------------------------- | ---------------- | ------ |
 * | `agency`    | `TOILE_TOKEN`                           | `internal` (all) | yes    |
 * | `partner`   | one of `TOILE_PARTNER_TOKENS` (a, b, c) | `partners`       | no     |
 * | `anonymous` | none                                    | `public`         | no     |
 *
 * A token that is presented but matches none is refused (401) rather than read as anonymous, so a
 * misconfigured partner learns it at once instead of seeing less without knowing why.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Audience } from '@toile/sdk';

/** A caller's role. */
export type Role = 'agency' | 'partner' | 'anonymous';

/** The audience each role reads. */
export const AUDIENCE_OF_ROLE: Readonly<Record<Role, Audience>> = { agency: 'internal', partner: 'partners', anonymous: 'public' };

/** The tokens a server accepts. No token is built in: without `agency`, the server is read-only. */
export interface TokenConfig {
  /** The agency's token (reads everything, writes). */
  agency?: string | undefined;
  /** Partners' tokens (read records up to the `partners` level). */
  partners?: readonly string[] | undefined;
}

/** What {@link Authenticator.identify} found in an `Authorization` header. */
export type Identity = Role | 'invalid';

/** Checks bearer tokens in constant time. */
export interface Authenticator {
  /** True when an agency token is configured, so writes are possible at all. */
  readonly writable: boolean;
  /** The role of an `Authorization` header: no header is `anonymous`, a token that matches none is `invalid`. */
  identify(authorization: string | null): Identity;
}

// RFC 6750 b64token.
const TOKEN_SYNTAX = /^[A-Za-z0-9\-._~+/]+=*$/;
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Reads the tokens from the environment: `TOILE_TOKEN` (agency) and `TOILE_PARTNER_TOKENS`
 * (partners, comma-separated; spaces around commas are ignored). Empty values count as absent.
 */
export function tokensFromEnvironment(env: Record<string, string | undefined> = process.env): TokenConfig {
  const agency = env.TOILE_TOKEN?.trim() || undefined;
  const partners = (env.TOILE_PARTNER_TOKENS ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return { agency, partners };
}

/**
 * Builds the token check. Throws (a configuration error, in both languages) when a token is not a
 * bearer token (spaces, commas…) or when the agency's token is also given to a partner.
 */
export function createAuthenticator(config: TokenConfig): Authenticator {
  const agency = config.agency || undefined;
  const partners = [...new Set(config.partners ?? [])].filter(Boolean);
  for (const token of [...(agency ? [agency] : []), ...partners]) {
    if (!TOKEN_SYNTAX.test(token)) {
      throw new Error('jeton invalide : lettres, chiffres et - . _ ~ + / seulement — invalid token: letters, digits and - . _ ~ + / only');
    }
  }
  if (agency && partners.includes(agency)) {
    throw new Error('le jeton de l’agence est aussi un jeton partenaire — the agency token is also a partner token');
  }
  const known: { digest: Buffer; role: Role }[] = [
    ...(agency ? [{ digest: digest(agency), role: 'agency' as const }] : []),
    ...partners.map((token) => ({ digest: digest(token), role: 'partner' as const })),
  ];
  return {
    writable: agency !== undefined,
    identify(authorization) {
      if (authorization === null || authorization.trim() === '') return 'anonymous';
      const match = /^Bearer +(\S+) *$/i.exec(authorization);
      if (!match) return 'invalid';
      // Hashes have one length, so timingSafeEqual applies; every token is compared (no early exit).
      const presented = digest(match[1] as string);
      let role: Identity = 'invalid';
      for (const entry of known) if (timingSafeEqual(presented, entry.digest)) role = entry.role;
      return role;
    },
  };
}
