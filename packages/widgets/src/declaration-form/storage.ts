/**
 * Where the form keeps things in the browser: the draft in localStorage (keyed by API, territory and
 * invitation, so that two territories or two invitations never mix), and the invitation token of a
 * personal link. The token arrives in the page's URL fragment (`#invitation=inv_…`, which no server
 * ever receives): it is read once, removed from the address bar (history.replaceState) so that it
 * does not leak through bookmarks, screenshots or shared links, and kept in sessionStorage — this tab
 * only, gone when it closes — so that reloading the page still declares with it.
 */
import { readDraft, type Draft } from './model.ts';

/** The shape of an invitation token (openapi.yaml: `inv_` and at least 32 URL-safe characters). */
const TOKEN = /^inv_[A-Za-z0-9_-]{32,196}$/;

/** True when a string looks like an invitation token. */
export const isInvitationToken = (token: string): boolean => TOKEN.test(token);

/** A short, non-reversible tag of a token (FNV-1a, 2 × 32 bits): it names the draft without writing the token into the key. */
export function tokenTag(token: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < token.length; i++) {
    a = Math.imul(a ^ token.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ token.charCodeAt(token.length - 1 - i), 0x811c9dc5);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}

/** The storage key of a draft. */
export function draftKey(api: string, territory: string, invitation: string | null): string {
  return `toile-declaration:v1:${api}|${territory}|${invitation ? tokenTag(invitation) : 'anonymous'}`;
}

/** The page's localStorage or sessionStorage, or undefined when the browser refuses it (private modes, sandboxed frames). */
function storage(kind: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    const s = globalThis[kind];
    return s ?? undefined;
  } catch {
    return undefined;
  }
}

/** The draft saved under `key`, if any (checked field by field). */
export function loadDraft(key: string): Draft | undefined {
  try {
    const text = storage('localStorage')?.getItem(key);
    return text ? readDraft(JSON.parse(text)) : undefined;
  } catch {
    return undefined;
  }
}

/** Saves the draft; false when the browser keeps nothing (no storage, or full). */
export function saveDraft(key: string, draft: Draft): boolean {
  const s = storage('localStorage');
  if (!s) return false;
  try {
    s.setItem(key, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the draft. */
export function removeDraft(key: string): void {
  try {
    storage('localStorage')?.removeItem(key);
  } catch {
    // Nothing stored, nothing to remove.
  }
}

const sessionKey = (api: string, territory: string) => `toile-declaration-invitation:v1:${api}|${territory}`;

/**
 * Takes the invitation token out of the page's URL fragment (`#invitation=inv_…`, alone or with other
 * `name=value` pairs), removing it from the address bar; undefined when there is none.
 */
export function takeInvitationFromUrl(win: Window = window): string | undefined {
  const hash = win.location.hash.replace(/^#/, '');
  if (!hash.includes('invitation=')) return undefined;
  const params = new URLSearchParams(hash);
  const token = params.get('invitation');
  if (token === null) return undefined;
  params.delete('invitation');
  const rest = params.toString();
  const url = `${win.location.pathname}${win.location.search}${rest ? `#${rest}` : ''}`;
  try {
    win.history.replaceState(win.history.state, '', url);
  } catch {
    // A sandboxed document may refuse: the token is still used, only not hidden.
  }
  return isInvitationToken(token) ? token : undefined;
}

/** Remembers the token for this tab (a reload keeps declaring with it). */
export function rememberInvitation(api: string, territory: string, token: string): void {
  try {
    storage('sessionStorage')?.setItem(sessionKey(api, territory), token);
  } catch {
    // Not kept: a reload then declares without it.
  }
}

/** The token remembered for this tab, if any. */
export function rememberedInvitation(api: string, territory: string): string | undefined {
  try {
    const token = storage('sessionStorage')?.getItem(sessionKey(api, territory));
    return token && isInvitationToken(token) ? token : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the token of this tab. */
export function forgetInvitation(api: string, territory: string): void {
  try {
    storage('sessionStorage')?.removeItem(sessionKey(api, territory));
  } catch {
    // Nothing to forget.
  }
}
