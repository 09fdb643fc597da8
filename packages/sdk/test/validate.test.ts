import { describe, expect, it } from 'vitest';
import { isValidSiret, luhnCheckDigit, readToileText, validateToile, type Problem } from '../src/index.ts';
import { baseDocument, capabilityDocument, documentWith } from './fixtures.ts';

/** The problem with this code, checked to carry everything a report needs. */
function problem(problems: Problem[], code: string): Problem {
  const found = problems.find((p) => p.code === code);
  expect(found, `no problem ${code} in ${JSON.stringify(problems.map((p) => p.code))}`).toBeDefined();
  const p = found as Problem;
  expect(p.pointer).toMatch(/^(\/[^/]+)*$/);
  expect(['error', 'warning']).toContain(p.severity);
  expect(p.message.fr.length).toBeGreaterThan(5);
  expect(p.message.en.length).toBeGreaterThan(5);
  expect(p.message.fr).not.toBe(p.message.en);
  return p;
}

describe('validateToile: valid documents', () => {
  it('accepts the base document with no problem and returns it whole', () => {
    const doc = baseDocument();
    const r = validateToile(doc);
    expect(r.problems).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.data).toEqual(doc);
  });

  it('never modifies its input', () => {
    const doc = documentWith((d) => {
      d.establishments[0]!.employees = -1;
      d.flows.push({ id: 'f9', from: 'x', to: 'acier', kind: 'supply' });
    });
    const copy = structuredClone(doc);
    validateToile(doc);
    expect(doc).toEqual(copy);
  });
});

describe('validateToile: structural problems', () => {
  it('reports a wrong type with its pointer and removes only that value', () => {
    const r = validateToile(documentWith((d) => ((d.establishments[1] as { employees: unknown }).employees = 'many')));
    const p = problem(r.problems, 'schema-type');
    expect(p).toMatchObject({ pointer: '/establishments/1/employees', severity: 'error', action: 'value-removed' });
    expect(r.valid).toBe(false);
    expect(r.data?.establishments[1]).toEqual({ id: 'ciment', name: 'Cimenterie', naf: '23.51Z', location: { lat: 49.41, lon: 0.25 } });
    expect(r.data?.flows).toHaveLength(3);
  });

  it('sets aside a record whose required property is missing, keeps the others', () => {
    const r = validateToile(documentWith((d) => delete (d.flows[2] as { kind?: unknown }).kind));
    const p = problem(r.problems, 'schema-required');
    expect(p).toMatchObject({ pointer: '/flows/2', action: 'record-removed', params: { missingProperty: 'kind' } });
    expect(p.message.en).toContain('kind');
    expect(r.data?.flows.map((f) => f.id)).toEqual(['f1', 'f2']);
    expect(r.removed).toEqual({ establishments: 0, flows: 1, resources: 0 });
  });

  it('refuses dependency shares outside 0–1 and negative, NaN-like or infinite quantities', () => {
    const r = validateToile(
      documentWith((d) => {
        d.flows[0]!.dependency = { upstream: 1.5 };
        d.flows[1]!.quantity = { value: -3, unit: 't/yr' };
        (d.flows[2] as { valueEur: unknown }).valueEur = 'NaN';
      }),
    );
    expect(r.problems.map((p) => [p.pointer, p.code])).toEqual(
      expect.arrayContaining([
        ['/flows/0/dependency/upstream', 'schema-maximum'],
        ['/flows/1/quantity/value', 'schema-minimum'],
        ['/flows/2/valueEur', 'schema-type'],
      ]),
    );
    expect(r.data?.flows).toHaveLength(3);
    expect(r.data?.flows[0]?.dependency).toEqual({});
    expect(r.data?.flows[1]?.quantity).toBeUndefined();
  });

  it('warns on unknown properties, including __proto__, and drops them', () => {
    const doc = JSON.parse(JSON.stringify(baseDocument()).replace('"id":"port",', '"id":"port","__proto__":{"polluted":true},"colour":"red",'));
    const r = validateToile(doc);
    expect(r.valid).toBe(true);
    const unknown = r.problems.filter((p) => p.code === 'unknown-property');
    expect(unknown.map((p) => p.pointer).sort()).toEqual(['/establishments/2/__proto__', '/establishments/2/colour']);
    expect(unknown.every((p) => p.severity === 'warning')).toBe(true);
    const port = r.data?.establishments[2] as Record<string, unknown>;
    expect(Object.keys(port)).not.toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a broken document-level part without losing the records', () => {
    const r = validateToile(documentWith((d) => delete (d.meta as { title?: string }).title));
    expect(problem(r.problems, 'schema-required').pointer).toBe('/meta');
    expect(r.valid).toBe(false);
    expect(r.data?.establishments).toHaveLength(4);
  });

  it('says a non-object is not a document', () => {
    for (const input of [null, 42, 'text', [1, 2]]) {
      const r = validateToile(input);
      expect(r.valid).toBe(false);
      expect(problem(r.problems, 'not-an-object').pointer).toBe('');
    }
  });
});

describe('validateToile: semantic checks (one failing document each)', () => {
  it('duplicate establishment id: the second is set aside', () => {
    const r = validateToile(documentWith((d) => d.establishments.push({ id: 'port', name: 'Port bis' })));
    const p = problem(r.problems, 'duplicate-id');
    expect(p).toMatchObject({ pointer: '/establishments/4/id', severity: 'error', action: 'record-removed' });
    expect(p.message.en).toContain('/establishments/2');
    expect(r.data?.establishments.map((e) => e.name)).toEqual(['Aciérie', 'Cimenterie', 'Port', 'Mine lointaine']);
  });

  it('duplicate flow, resource and source ids', () => {
    const r = validateToile(
      documentWith((d) => {
        d.flows.push({ ...d.flows[0]!, to: 'port' });
        d.resources!.push({ ...d.resources![0]! });
        d.meta.sources!.push({ id: 'itw', label: 'again' });
      }),
    );
    const pointers = r.problems.filter((p) => p.code === 'duplicate-id').map((p) => p.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/flows/3/id', '/resources/2/id', '/meta/sources/2/id']));
  });

  it('flow to an unknown establishment, and resource of an unknown establishment', () => {
    const r = validateToile(
      documentWith((d) => {
        d.flows.push({ id: 'f9', from: 'acier', to: 'ghost', kind: 'service' });
        d.resources!.push({ id: 'r9', establishment: 'ghost', direction: 'need', kind: 'water' });
      }),
    );
    const ps = r.problems.filter((p) => p.code === 'unknown-establishment');
    expect(ps.map((p) => p.pointer)).toEqual(['/flows/3/to', '/resources/2/establishment']);
    expect(ps[0]?.message.fr).toContain('ghost');
    expect(r.data?.flows).toHaveLength(3);
    expect(r.data?.resources).toHaveLength(2);
  });

  it('flows of a set-aside establishment are set aside too, with the reason', () => {
    const r = validateToile(documentWith((d) => (d.establishments[0]!.name = '')));
    expect(problem(r.problems, 'schema-minLength').pointer).toBe('/establishments/0/name');
    expect(r.problems.filter((p) => p.code === 'unknown-establishment').map((p) => p.pointer)).toEqual([
      '/flows/0/from',
      '/flows/1/to',
      '/flows/2/to',
      '/resources/0/establishment',
    ]);
    expect(r.data?.flows.map((f) => f.id)).toEqual([]);
    expect(r.data?.resources?.map((f) => f.id)).toEqual(['r2']);
  });

  it('self-loop', () => {
    const r = validateToile(documentWith((d) => d.flows.push({ id: 'loop', from: 'port', to: 'port', kind: 'logistics' })));
    expect(problem(r.problems, 'self-loop')).toMatchObject({ pointer: '/flows/3/to', severity: 'error' });
  });

  it('SIRET checksum (Luhn, with the La Poste exception)', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidSiret('35600000000048')).toBe(true); // La Poste head office: Luhn
    expect(isValidSiret('35600000012346')).toBe(true); // La Poste establishment: digit sum 30
    expect(isValidSiret('35600000012345')).toBe(false);
    expect(luhnCheckDigit('7328293200007')).toBe(4);
    const r = validateToile(documentWith((d) => (d.establishments[0]!.siret = '73282932000075')));
    expect(problem(r.problems, 'invalid-siret')).toMatchObject({ pointer: '/establishments/0/siret', severity: 'error', action: 'value-removed' });
    expect(r.data?.establishments[0]?.siret).toBeUndefined();
    expect(r.data?.establishments[0]?.name).toBe('Aciérie');
  });

  it('duplicate SIRET is a warning', () => {
    const r = validateToile(documentWith((d) => (d.establishments[2]!.siret = '73282932000074')));
    expect(problem(r.problems, 'duplicate-siret').severity).toBe('warning');
  });

  it('NAF code that does not exist (establishment and item)', () => {
    const r = validateToile(
      documentWith((d) => {
        d.establishments[1]!.naf = '23.59Z';
        d.flows[2]!.item = { code: 'naf:99.99Z' };
      }),
    );
    const ps = r.problems.filter((p) => p.code === 'unknown-naf');
    expect(ps.map((p) => p.pointer)).toEqual(['/establishments/1/naf', '/flows/2/item/code']);
  });

  it('EWC code that does not exist, and a family that contradicts the code', () => {
    const r = validateToile(
      documentWith((d) => {
        d.flows[0]!.item = { label: 'Laitier', code: 'ewc:100298' };
        d.resources![0]!.item = { code: 'ewc:150101', family: 'plastics' };
      }),
    );
    expect(problem(r.problems, 'unknown-ewc')).toMatchObject({ pointer: '/flows/0/item/code', severity: 'error' });
    expect(r.data?.flows[0]?.item).toEqual({ label: 'Laitier' });
    expect(problem(r.problems, 'ewc-family-mismatch')).toMatchObject({ pointer: '/resources/0/item/family', severity: 'warning' });
  });

  it('a chapter is not a waste code', () => {
    const r = validateToile(documentWith((d) => (d.flows[0]!.item = { code: 'ewc:100100' })));
    problem(r.problems, 'unknown-ewc');
  });

  it('unit incompatible with the kind', () => {
    const r = validateToile(documentWith((d) => (d.flows[0]!.quantity = { value: 3, unit: 'MWh/yr' })));
    expect(problem(r.problems, 'unit-kind-mismatch')).toMatchObject({ pointer: '/flows/0/quantity/unit', severity: 'warning' });
  });

  it('upstream shares of one establishment summing over 1', () => {
    const r = validateToile(documentWith((d) => d.flows.push({ id: 'f4', from: 'port', to: 'acier', kind: 'service', dependency: { upstream: 0.5 } })));
    const p = problem(r.problems, 'upstream-sum');
    expect(p).toMatchObject({ pointer: '/establishments/0', severity: 'warning', params: { id: 'acier', sum: 1.1 } });
    expect(r.valid).toBe(true);
  });

  it('source that meta.sources does not declare', () => {
    const r = validateToile(documentWith((d) => (d.flows[1]!.source = 'rumour')));
    expect(problem(r.problems, 'unknown-source')).toMatchObject({ pointer: '/flows/1/source', severity: 'warning' });
  });

  it('website that is not http(s): kept as text, flagged', () => {
    const r = validateToile(documentWith((d) => (d.establishments[0]!.website = 'javascript:alert(document.cookie)')));
    expect(problem(r.problems, 'unsafe-url')).toMatchObject({ pointer: '/establishments/0/website', severity: 'warning' });
    expect(r.data?.establishments[0]?.website).toBe('javascript:alert(document.cookie)');
  });

  it('hostile strings are data, kept verbatim', () => {
    const name = '<img src=x onerror=alert(1)> & "quotes"';
    const r = validateToile(documentWith((d) => (d.establishments[0]!.name = name)));
    expect(r.valid).toBe(true);
    expect(r.data?.establishments[0]?.name).toBe(name);
  });

  it('flow between two external establishments, active flow with a closed one, lone latitude', () => {
    const r = validateToile(
      documentWith((d) => {
        d.establishments.push({ id: 'client', name: 'Client lointain', external: true });
        d.flows.push({ id: 'f5', from: 'fournisseur', to: 'client', kind: 'supply' });
        d.establishments[1]!.status = 'closed';
        d.establishments[2]!.location = { lat: 49.5 };
      }),
    );
    expect(problem(r.problems, 'external-flow').pointer).toBe('/flows/3');
    expect(problem(r.problems, 'closed-establishment').pointer).toBe('/flows/0');
    expect(problem(r.problems, 'incomplete-coordinates').pointer).toBe('/establishments/2/location');
    expect(r.valid).toBe(true);
  });
});

describe('validateToile: capabilities', () => {
  const withCapabilities = (edit: (caps: Record<string, unknown>[], other: Record<string, unknown>[]) => void) => {
    const doc = capabilityDocument();
    edit(doc.establishments[0]!.capabilities as never, doc.establishments[1]!.capabilities as never);
    return doc;
  };

  it('accepts valid capabilities and returns them whole', () => {
    const doc = capabilityDocument();
    const r = validateToile(doc);
    expect(r.problems).toEqual([]);
    expect(r.data).toEqual(doc);
  });

  it('a process the vocabulary does not know: the capability is set aside, its neighbours kept', () => {
    const r = validateToile(withCapabilities((caps) => ((caps[0]!.process = 'din8580:3.8'), (caps[1]!.process = 'Usinage'))));
    const ps = r.problems.filter((p) => p.code === 'unknown-process');
    // Malformed (the schema's pattern, found first) and well-formed but unknown (semantic): one code for both.
    expect(ps.map((p) => [p.pointer, p.severity, p.action])).toEqual([
      ['/establishments/0/capabilities/1/process', 'error', 'record-removed'],
      ['/establishments/0/capabilities/0/process', 'error', 'record-removed'],
    ]);
    expect(problem(r.problems, 'unknown-process').message.fr).toContain('vocabulaire des procédés');
    expect(r.data!.establishments[0]!.capabilities).toEqual([]);
    expect(r.data!.establishments[1]!.capabilities).toHaveLength(1);
    expect(r.data!.establishments).toHaveLength(4);
  });

  it('product codes: malformed or unknown codes are removed one by one, the others kept', () => {
    const r = validateToile(withCapabilities((caps) => (caps[0]!.products = ['cpa:28.91', 'steel', 'ewc:999999', 'naf:99.99Z', 'hs:8455'])));
    expect(r.problems.map((p) => [p.code, p.pointer, p.action])).toEqual([
      ['invalid-product-code', '/establishments/0/capabilities/0/products/1', 'value-removed'],
      ['unknown-ewc', '/establishments/0/capabilities/0/products/2', 'value-removed'],
      ['unknown-naf', '/establishments/0/capabilities/0/products/3', 'value-removed'],
    ]);
    expect(problem(r.problems, 'invalid-product-code').message.en).toContain('"steel"');
    expect(r.data!.establishments[0]!.capabilities![0]!.products).toEqual(['cpa:28.91', 'hs:8455']);
    expect(r.data!.establishments[0]!.capabilities![0]!.certifications).toEqual(['ISO 9001', 'EN 9100']);
  });

  it('capacity unit, spare share outside 0–1, dates that do not exist, a period that ends before it starts', () => {
    const r = validateToile(
      withCapabilities((caps, other) => {
        caps[0]!.capacity = { value: 10, unit: 'furlong/yr' };
        caps[0]!.spare = { share: 0.2, from: '2026-02-30', to: '2026-13-01' };
        caps[1]!.spare = { share: 1.5, from: '2026-01-01' };
        other[0]!.spare = { share: 0.5, from: '2026-06-01', to: '2026-01-31' };
      }),
    );
    expect(r.problems.map((p) => [p.code, p.pointer, p.action])).toEqual([
      ['unknown-capacity-unit', '/establishments/0/capabilities/0/capacity/unit', 'value-removed'],
      ['invalid-date', '/establishments/0/capabilities/0/spare/to', 'value-removed'],
      ['spare-share-range', '/establishments/0/capabilities/1/spare/share', 'value-removed'],
      ['invalid-date', '/establishments/0/capabilities/0/spare/from', 'value-removed'],
      ['spare-period-reversed', '/establishments/1/capabilities/0/spare/to', 'value-removed'],
    ]);
    expect(problem(r.problems, 'spare-share-range').message.fr).toContain('« 1.5 » hors de 0–1');
    expect(problem(r.problems, 'spare-period-reversed').message.en).toContain('starts on 2026-06-01, after it ends on 2026-01-31');
    const [first, second] = r.data!.establishments[0]!.capabilities!;
    expect(first).not.toHaveProperty('capacity');
    expect(first!.spare).toEqual({ share: 0.2 });
    expect(second).toEqual({ id: 'acier-labo', process: 'testing:laboratory', certifications: ['ISO/IEC 17025'] });
    expect(r.data!.establishments[1]!.capabilities![0]!.spare).toEqual({ share: 0.5 });
    expect(r.data!.establishments[1]!.capabilities![0]!.products).toEqual(['naf:25.29Z']);
  });

  it('capability ids are unique in the document, across establishments', () => {
    const r = validateToile(withCapabilities((caps, other) => ((other[0]!.id = 'acier-usinage'), (caps[1]!.id = 'acier-usinage'))));
    const ps = r.problems.filter((p) => p.code === 'duplicate-id');
    expect(ps.map((p) => [p.pointer, p.params?.first, p.action])).toEqual([
      ['/establishments/0/capabilities/1/id', '/establishments/0/capabilities/0', 'record-removed'],
      ['/establishments/1/capabilities/0/id', '/establishments/0/capabilities/0', 'record-removed'],
    ]);
    expect(r.data!.establishments.map((e) => e.capabilities?.map((c) => c.id))).toEqual([['acier-usinage'], [], undefined, undefined]);
  });

  it('a broken capability keeps its place: pointers after it still name the capabilities as given', () => {
    const r = validateToile(
      withCapabilities((caps) => {
        caps.unshift({ label: 'sans id ni procédé' });
        caps.push({ id: 'acier-x', process: 'nope' }, { id: 'acier-ok', process: 'maintenance', products: [42, 'cpa:33.12', 'hs:'] });
      }),
    );
    expect(r.problems.map((p) => [p.code, p.pointer, p.action])).toEqual([
      ['schema-required', '/establishments/0/capabilities/0', 'record-removed'],
      ['schema-required', '/establishments/0/capabilities/0', 'record-removed'],
      ['schema-type', '/establishments/0/capabilities/4/products/0', 'value-removed'],
      ['invalid-product-code', '/establishments/0/capabilities/4/products/2', 'value-removed'],
      ['unknown-process', '/establishments/0/capabilities/3/process', 'record-removed'],
    ]);
    expect(r.data!.establishments[0]!.capabilities!.map((c) => c.id)).toEqual(['acier-usinage', 'acier-labo', 'acier-ok']);
    expect(r.data!.establishments[0]!.capabilities![2]!.products).toEqual(['cpa:33.12']);
  });

  it("a capability's level is read like every record's: French words are aliases, anything else is confidential", () => {
    const r = validateToile(
      withCapabilities((caps, other) => ((caps[0]!.confidentiality = 'Partenaires'), (caps[1]!.confidentiality = 'privé'), (other[0]!.confidentiality = null))),
    );
    expect(r.problems.map((p) => [p.code, p.pointer, p.action])).toEqual([
      ['confidentiality-alias', '/establishments/0/capabilities/0/confidentiality', 'value-replaced'],
      ['unknown-confidentiality', '/establishments/0/capabilities/1/confidentiality', 'value-replaced'],
      ['unknown-confidentiality', '/establishments/1/capabilities/0/confidentiality', 'value-replaced'],
    ]);
    expect(r.data!.establishments[0]!.capabilities!.map((c) => c.confidentiality)).toEqual(['partners', 'confidential']);
    expect(r.data!.establishments[1]!.capabilities![0]!.confidentiality).toBe('confidential');
  });
});

describe('validateToile: many problems', () => {
  it('reports every bad record up to the cap, keeps exact counts and every good record', () => {
    const doc = documentWith((d) => {
      for (let i = 0; i < 50; i++) d.flows.push({ id: `bad${i}`, from: 'acier', to: `ghost${i}`, kind: 'supply' });
    });
    const r = validateToile(doc, { maxProblems: 10 });
    expect(r.problems).toHaveLength(10);
    expect(r.errors).toBe(50);
    expect(r.truncated).toBe(true);
    expect(r.data?.flows.map((f) => f.id)).toEqual(['f1', 'f2', 'f3']);
  });
});

describe('readToileText', () => {
  it('names the line and column of malformed JSON', () => {
    const text = '{\n  "toile": "1.0",\n  "territory": { "id": "t" "name": "x" }\n}';
    const r = readToileText(text);
    const p = problem(r.problems, 'invalid-json');
    expect(p.params).toMatchObject({ line: 3, column: 28 });
    expect(p.message.fr).toContain('ligne 3');
    expect(p.message.en).toContain('line 3, column 28');
  });

  it('reports a truncated document at its end', () => {
    const text = JSON.stringify(baseDocument(), null, 2);
    const r = readToileText(text.slice(0, 200));
    expect(problem(r.problems, 'invalid-json').params?.line).toBeGreaterThan(5);
    expect(r.data).toBeNull();
  });

  it('refuses NaN and Infinity, which JSON does not have', () => {
    expect(readToileText('{"toile": NaN}').problems[0]?.code).toBe('invalid-json');
    expect(readToileText('{"toile": Infinity}').problems[0]?.code).toBe('invalid-json');
  });

  it('accepts a byte-order mark', () => {
    expect(readToileText(`\uFEFF${JSON.stringify(baseDocument())}`).valid).toBe(true);
  });
});
