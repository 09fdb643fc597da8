/** A small hand-made territory for the finder's tests: hostile names, a hazardous waste, a pooling pair, an input bought outside. */
export const HOSTILE_NAME = 'Aciérie <img src=x onerror="window.__toilePwned=1">';
export const FORMULA_NAME = '=HYPERLINK("http://evil.example","clic")';

export const smallDoc = {
  toile: '1.0',
  territory: { id: 't', name: 'Test' },
  meta: { title: 'Test' },
  establishments: [
    { id: 'acier', name: HOSTILE_NAME, location: { lat: 49.45, lon: 0.18 } },
    { id: 'fonderie', name: 'Fonderie, "Nord"', location: { lat: 49.46, lon: 0.19 } },
    { id: 'garage', name: FORMULA_NAME, location: { lat: 49.44, lon: 0.2 } },
    { id: 'papeterie', name: 'Papeterie', location: { lat: 49.6, lon: 0.5 } },
    { id: 'mine', name: 'Mine lointaine', external: true },
  ],
  flows: [{ id: 'f1', from: 'mine', to: 'fonderie', kind: 'supply', item: { label: 'Fonte', code: 'ewc:120102' }, quantity: { value: 300, unit: 't/yr' } }],
  resources: [
    {
      id: 'o1',
      establishment: 'acier',
      direction: 'offer',
      kind: 'byproduct',
      item: { label: 'Chutes <script>alert(1)</script>', code: 'ewc:120101' },
      quantity: { value: 500, unit: 't/yr' },
    },
    {
      id: 'n1',
      establishment: 'fonderie',
      direction: 'need',
      kind: 'byproduct',
      item: { label: 'Ferraille', code: 'ewc:120101' },
      quantity: { value: 400, unit: 't/yr' },
    },
    {
      id: 'n2',
      establishment: 'garage',
      direction: 'need',
      kind: 'byproduct',
      item: { label: 'Acier de récupération', family: 'ferrous-metals' },
      quantity: { value: 100, unit: 't/yr' },
    },
    {
      id: 'o2',
      establishment: 'garage',
      direction: 'offer',
      kind: 'byproduct',
      item: { label: 'Émulsions usagées', code: 'ewc:130105' },
      quantity: { value: 20, unit: 't/yr' },
    },
    { id: 'n3', establishment: 'fonderie', direction: 'need', kind: 'byproduct', item: { label: 'Émulsions', code: 'ewc:130105' } },
    { id: 'o3', establishment: 'papeterie', direction: 'offer', kind: 'byproduct', item: { label: 'Cartons', code: 'ewc:150101' } },
    { id: 'n4', establishment: 'acier', direction: 'need', kind: 'byproduct', item: { label: 'Cartons', code: 'ewc:150101' } },
    { id: 'n5', establishment: 'garage', direction: 'need', kind: 'byproduct', item: { label: 'Cartons', code: 'ewc:150101' } },
  ],
};
