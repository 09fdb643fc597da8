import { describe, expect, it } from 'vitest';
import { isValidSiret, luhnCheckDigit, readToileText, validateToile, type Problem } from '../src/index.ts';
import { baseDocument, documentWith } from './fixtures.ts';

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
