/**
 * Kinship on the columnar form: a context prepared from columns answers every question — kin,
 * relatedness, makers, productive leaps, spare capacity, co-location — as the context prepared
 * from the document of the same records (what the columnar form holds), on generated territories.
 */
import { describe, expect, it } from 'vitest';
import { generateTerritory } from '@toile/testkit/node';
import { PROCESS_IDS } from '@toile/schema';
import { valley } from './kinship-fixture.ts';
import { columnsFromDocument, documentFromColumns, findKin, findLeaps, findMakers, prepareKinship, relatedness, spareCapacity } from '../src/index.ts';

function territory(seed: number) {
  const doc = generateTerritory({ establishments: 300, flowsPerEstablishment: 4, resourcesPerEstablishment: 2, capabilitiesPerEstablishment: true, seed });
  const columns = columnsFromDocument(doc);
  return { objects: documentFromColumns(columns), columns };
}

describe('kinship prepared from columns answers as from the document', () => {
  for (const seed of [3, 17, 40]) {
    it(`seed ${seed}: kin, relatedness, makers, leaps and spare capacity`, () => {
      const { objects, columns } = territory(seed);
      const others = [territory(seed + 1), territory(seed + 2), territory(seed + 3), territory(seed + 4), territory(seed + 5)];
      const options = { territories: others.map((t) => t.columns), minTerritories: 3 };
      const fromObjects = prepareKinship(objects, { territories: others.map((t) => t.objects), minTerritories: 3 });
      const fromColumns = prepareKinship(columns, options);
      expect(fromColumns.colocation).toBeDefined();
      const ids = objects.establishments.filter((_, i) => i % 13 === 0).map((e) => e.id);
      let kinFound = 0;
      let leapsFound = 0;
      for (const id of ids) {
        const kin = findKin(fromColumns, id, { top: 8 });
        expect(kin).toEqual(findKin(fromObjects, id, { top: 8 }));
        kinFound += kin.kin.length;
        const leaps = findLeaps(fromColumns, id, { top: 5 });
        expect(leaps).toEqual(findLeaps(fromObjects, id, { top: 5 }));
        leapsFound += leaps.leaps.length;
        expect(relatedness(id, ids[0]!, fromColumns)).toEqual(relatedness(id, ids[0]!, fromObjects));
      }
      expect(kinFound).toBeGreaterThan(0);
      expect(leapsFound).toBeGreaterThan(0);
      const products = [...new Set(objects.establishments.flatMap((e) => e.capabilities ?? []).flatMap((c) => c.products ?? []))].slice(0, 6);
      let makersFound = 0;
      for (const query of [...products.map((product) => ({ product })), ...PROCESS_IDS.slice(0, 6).map((process) => ({ process }))]) {
        const makers = findMakers(fromColumns, { ...query, top: 10 });
        expect(makers).toEqual(findMakers(fromObjects, { ...query, top: 10 }));
        makersFound += makers.makers.length;
      }
      expect(makersFound).toBeGreaterThan(0);
      const spare = spareCapacity(columns);
      expect(spare).toEqual(spareCapacity(objects));
      expect(spare.processes.length).toBeGreaterThan(0);
    });
  }
});

describe('inside or outside, as the graph index reads it', () => {
  it('an establishment marked outside by a value other than true (a document read as given) counts as outside, as it does in the index', () => {
    const doc = valley();
    const flagged = structuredClone(doc);
    const outside = flagged.establishments.filter((e) => (e.capabilities ?? []).some((c) => (c.spare?.share ?? 0) > 0));
    expect(outside.length).toBeGreaterThan(0);
    for (const e of outside) (e as { external?: unknown }).external = 1;
    const truly = structuredClone(doc);
    for (const e of truly.establishments) if (outside.some((o) => o.id === e.id)) e.external = true;
    expect(spareCapacity(flagged)).toEqual(spareCapacity(truly));
    expect(spareCapacity(flagged, { includeExternal: true }).offers).toBeGreaterThan(spareCapacity(flagged).offers);
  });
});
