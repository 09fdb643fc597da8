import type { ToileDocument } from '@toile/schema';

/** A small valid document; tests copy it and break one thing each. */
export function baseDocument(): ToileDocument {
  return {
    toile: '1.0',
    territory: { id: 'test', name: 'Territoire de test' },
    meta: {
      title: 'Test',
      fictional: true,
      sources: [
        { id: 'itw', label: 'Entretiens 2025', method: 'interview', date: '2025-03' },
        { id: 'ws', label: 'Atelier', method: 'workshop', date: '2025-06-12' },
      ],
    },
    establishments: [
      { id: 'acier', name: 'Aciérie', siret: '73282932000074', naf: '24.10Z', employees: 800, location: { lat: 49.4, lon: 0.2 } },
      { id: 'ciment', name: 'Cimenterie', naf: '23.51Z', employees: 120, location: { lat: 49.41, lon: 0.25 } },
      { id: 'port', name: 'Port', naf: '52.22Z', employees: 300 },
      { id: 'fournisseur', name: 'Mine lointaine', external: true, location: { lat: -20, lon: 118, country: 'AU' } },
    ],
    flows: [
      {
        id: 'f1',
        from: 'acier',
        to: 'ciment',
        kind: 'byproduct',
        item: { label: 'Laitier', code: 'ewc:100202' },
        quantity: { value: 200000, unit: 't/yr' },
        dependency: { upstream: 0.4, downstream: 0.05 },
        source: 'itw',
      },
      {
        id: 'f2',
        from: 'fournisseur',
        to: 'acier',
        kind: 'supply',
        item: { label: 'Minerai de fer', code: 'hs:2601' },
        quantity: { value: 5, unit: 't/h' },
        dependency: { upstream: 0.6 },
      },
      { id: 'f3', from: 'port', to: 'acier', kind: 'logistics', quantity: { value: 1200, unit: 'TEU/yr' }, source: 'ws' },
    ],
    resources: [
      { id: 'r1', establishment: 'acier', direction: 'offer', kind: 'energy', item: { family: 'heat' }, quantity: { value: 40, unit: 'GWh/yr' } },
      { id: 'r2', establishment: 'ciment', direction: 'need', kind: 'energy', item: { family: 'heat' } },
    ],
  };
}

/** A deep copy of the base document, changed by `edit`. */
export function documentWith(edit: (doc: ToileDocument) => void): ToileDocument {
  const doc = structuredClone(baseDocument());
  edit(doc);
  return doc;
}

/** The base document with capabilities on two establishments (every property of the format used once). */
export function capabilityDocument(): ToileDocument {
  return documentWith((d) => {
    d.establishments[0]!.capabilities = [
      {
        id: 'acier-usinage',
        label: 'Usinage de cylindres',
        process: 'din8580:3.2',
        products: ['cpa:28.91', 'hs:8455'],
        capacity: { value: 6000, unit: 'h/yr' },
        spare: { share: 0.25, from: '2026-01-01', to: '2026-12-31' },
        certifications: ['ISO 9001', 'EN 9100'],
        confidentiality: 'partners',
      },
      { id: 'acier-labo', process: 'testing:laboratory', certifications: ['ISO/IEC 17025'] },
    ];
    d.establishments[1]!.capabilities = [
      {
        id: 'ciment-soudure',
        label: 'Chaudronnerie',
        process: 'din8580:4.6',
        products: ['naf:25.29Z'],
        spare: { share: 0.5 },
        confidentiality: 'confidential',
      },
    ];
  });
}
