/**
 * Generated documents of several agencies describing one territory, for the merge tests: shared
 * SIRET, names and postcodes, renamed and dangling references, sources, conflicts, repeats.
 */
import type { ToileDocument } from '@toile/schema';
import { generateTerritory } from '@toile/testkit/node';

/** A small seeded random in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
}

/** Another agency's view of `doc`: shared SIRET, names and postcodes, renamed and dangling references, sources, conflicts. */
export function otherView(doc: ToileDocument, seed: number): ToileDocument {
  const r = random(seed);
  const other = generateTerritory({
    establishments: doc.establishments.length,
    flowsPerEstablishment: 3,
    resourcesPerEstablishment: 2,
    capabilitiesPerEstablishment: true,
    seed,
  });
  other.territory = { id: `agency-${seed}`, name: 'Agence' };
  other.meta.sources = [...(other.meta.sources ?? []), { id: 'itw', label: 'Enquête', method: 'survey' }];
  other.establishments.forEach((e, i) => {
    const same = doc.establishments[i]!;
    const roll = r();
    if (roll < 0.3 && same.siret) e.siret = same.siret;
    else if (roll < 0.5) {
      e.name = `${same.name} S.A.S.`;
      e.location = { ...e.location, postcode: '76600' };
    } else if (roll < 0.6) e.id = `x${i}`;
    if (r() < 0.3) e.sources = ['itw', 'generator'];
    if (r() < 0.2) e.sectors = ['chimie', 'acier'];
  });
  other.flows.forEach((f, k) => {
    if (r() < 0.1) f.from = doc.flows[k % doc.flows.length]!.from;
    if (r() < 0.05) f.to = `missing${k % 7}`;
    if (r() < 0.2) f.source = 'itw';
    if (r() < 0.1) f.item = { label: `Palettes ${k % 3}` };
  });
  return other;
}

export function firstView(seed: number): ToileDocument {
  const doc = generateTerritory({ establishments: 120, flowsPerEstablishment: 4, resourcesPerEstablishment: 2, capabilitiesPerEstablishment: true, seed });
  const r = random(seed + 1);
  doc.establishments.forEach((e) => {
    if (r() < 0.3) e.location = { ...e.location, postcode: '76600' };
    if (r() < 0.2) e.sectors = ['acier'];
  });
  // A duplicated flow, and a duplicated establishment id, inside one document.
  doc.flows.push({ ...doc.flows[0]!, id: 'dup-flow' });
  doc.establishments.push({ ...doc.establishments[3]!, name: 'Autre nom' });
  return doc;
}

/** Three views of one territory (seeded), and the orders the merge tests take them in (two, three, reversed, twice the same). */
export function mergeOrders(seed: number): { a: ToileDocument; b: ToileDocument; orders: ToileDocument[][] } {
  const a = firstView(seed);
  const b = otherView(a, seed + 100);
  const c = otherView(b, seed + 200);
  return {
    a,
    b,
    orders: [
      [a, b],
      [a, b, c],
      [b, a],
      [a, a],
      [c, b, a],
    ],
  };
}

/** A view, and the same with every flow's value changed, where flows share both ends but not their kind or item. */
export function sharedEnds(): [ToileDocument, ToileDocument] {
  const doc = firstView(4);
  const f = doc.flows[0]!;
  doc.flows.push({ ...f, id: 'k1', kind: 'energy', item: { family: 'heat' } }, { ...f, id: 'k2', kind: 'energy', item: { family: 'steam' } });
  const other = structuredClone(doc);
  other.flows.forEach((g) => (g.valueEur = (g.valueEur ?? 0) + 1));
  return [doc, other];
}
