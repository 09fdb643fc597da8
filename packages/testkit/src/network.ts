/**
 * The smallest generated network: establishments and supply flows with dependency shares, hubs
 * among the first — for the domino simulator's and the network view's tests and measurements, where
 * geography, codes and resources would only slow the generation down.
 */
import type { ToileDocument } from '@toile/schema';
import { mulberry32 } from '@toile/sdk';

/**
 * `establishments` establishments (`e0`, `e1`, …) each buying from ~`suppliers` earlier ones, the
 * early ones more often (they become hubs), with an upstream dependency share of 15–40 %.
 */
export function generateNetwork(establishments: number, suppliers = 3, seed = 7): ToileDocument {
  const rand = mulberry32(seed);
  const doc = {
    toile: '1.0',
    territory: { id: 'generated', name: 'Territoire généré' },
    meta: { title: `Réseau généré (${establishments})` },
    establishments: [] as { id: string; name: string; employees: number }[],
    flows: [] as { id: string; from: string; to: string; kind: 'supply'; valueEur: number; dependency: { upstream: number } }[],
  };
  for (let i = 0; i < establishments; i++) {
    doc.establishments.push({ id: `e${i}`, name: `Établissement ${i}`, employees: 5 + Math.floor(rand() * 300) });
    const seen = new Set<number>();
    for (let k = 0; k < Math.min(i, suppliers); k++) {
      const j = Math.floor(rand() * rand() * i);
      if (seen.has(j)) continue;
      seen.add(j);
      doc.flows.push({
        id: `f${doc.flows.length}`,
        from: `e${j}`,
        to: `e${i}`,
        kind: 'supply',
        valueEur: 10_000 + Math.floor(rand() * 1_000_000),
        dependency: { upstream: Math.round((0.15 + rand() * 0.25) * 100) / 100 },
      });
    }
  }
  return doc as unknown as ToileDocument;
}
