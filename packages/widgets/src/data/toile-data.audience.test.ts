/// <reference types="mocha" />
/**
 * Issue #12, in the browser: whatever levels a document is written with (typos, French words,
 * values of other types, keys written twice in inline JSON), `<toile-data>` hands its widgets no
 * value above the page's audience — public by default. 2,000 seeded cases through `.data`, and
 * inline JSON scripts (where keys can be written twice) for a part of them.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import '../define.ts';
import type { ToileData } from './toile-data.component.ts';
import { build, caseArb, leaked, type Case, type Level } from '../../../sdk/test/support/levels.ts';

type Written = Case['resources'][number]['level'];

/** Sets the data and waits until the element holds the document it made of it. */
async function load(el: ToileData, apply: () => void): Promise<string> {
  const changed = new Promise((resolve) => el.addEventListener('toile-data-change', resolve, { once: true }));
  apply();
  await changed;
  return JSON.stringify(el.value!.document);
}

const AUDIENCES: readonly { attribute: string | null; allowed: Level }[] = [
  { attribute: null, allowed: 0 },
  { attribute: 'public', allowed: 0 },
  { attribute: 'partners', allowed: 1 },
  { attribute: 'partenaires', allowed: 1 },
  { attribute: 'Public ', allowed: 0 },
  { attribute: 'everyone', allowed: 0 },
];

describe('<toile-data> never hands on a value above its audience (2,000 seeded cases)', () => {
  it('through .data, for every audience attribute', async function () {
    this.timeout(240_000);
    const el = document.createElement('toile-data') as ToileData;
    document.body.append(el);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, fc.constantFrom(...AUDIENCES), async (c, audience) => {
        // A page hands `.data` an object: no key is written twice in it.
        const { text, markers } = build(lastWritten(c));
        if (audience.attribute === null) el.removeAttribute('audience');
        else el.setAttribute('audience', audience.attribute);
        const handed = await load(el, () => (el.data = { ...(JSON.parse(text) as object), _case: n++ } as never));
        expect(leaked(handed, markers, audience.allowed)).to.deep.equal([]);
      }),
      { numRuns: 2000, seed: 20261204 },
    );
    el.remove();
  });

  it('through inline JSON, where a level written twice counts as the strictest', async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const { text, markers } = build(c);
        const el = document.createElement('toile-data') as ToileData;
        const script = document.createElement('script');
        script.type = 'application/json';
        script.textContent = text;
        el.append(script);
        const handed = await load(el, () => document.body.append(el));
        el.remove();
        expect(leaked(handed, markers, 0)).to.deep.equal([]);
      }),
      { numRuns: 200, seed: 4122026 },
    );
  });
});

/** The case as `JSON.parse` would leave it: a level written twice is its last value. */
function lastWritten(c: Case): Case {
  const last = <T extends { level: Written; twice?: Written | undefined }>(r: T): T => ({
    ...r,
    level: r.twice && r.twice.written !== undefined ? r.twice : r.level,
    twice: undefined,
  });
  return { ...c, establishments: c.establishments.map(last), flows: c.flows.map(last) };
}
