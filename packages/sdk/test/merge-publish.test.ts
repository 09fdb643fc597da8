import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ToileDocument } from '@toile/schema';
import { mergeToile, normaliseName, publishToile, validateToile } from '../src/index.ts';
import { baseDocument, capabilityDocument, documentWith } from './fixtures.ts';

/** A second agency's view of the same territory: same steel mill (by SIRET), same cement plant (by name + postcode), a new company. */
function otherAgency(): ToileDocument {
  return {
    toile: '1.0',
    territory: { id: 'agence', name: 'Vue de l’agence' },
    meta: { title: 'Agence', sources: [{ id: 'itw', label: 'Enquête agence 2024', method: 'survey' }] },
    establishments: [
      { id: 'E1', name: 'ACIERIE', siret: '73282932000074', employees: 850, sectors: ['sidérurgie'], sources: ['itw'] },
      { id: 'E2', name: 'Cimenterie S.A.S.', location: { postcode: '76600', city: 'Port' } },
      { id: 'acier', name: 'Atelier Acier Fin', naf: '25.62B' },
    ],
    flows: [
      { id: 'g1', from: 'E1', to: 'E2', kind: 'byproduct', item: { code: 'ewc:100202' }, valueEur: 1000, source: 'itw' },
      { id: 'f1', from: 'acier', to: 'E1', kind: 'service', item: { label: 'Usinage' } },
    ],
    resources: [{ id: 'r1', establishment: 'E2', direction: 'need', kind: 'energy', item: { family: 'heat' }, quantity: { value: 5, unit: 'GWh/yr' } }],
  };
}

const first = () =>
  documentWith((d) => {
    d.establishments[1]!.location = { lat: 49.41, lon: 0.25, postcode: '76600' };
  });

describe('mergeToile', () => {
  const result = mergeToile([first(), otherAgency()]);

  it('matches establishments by SIRET, then by normalised name + postcode', () => {
    expect(normaliseName('Cimenterie S.A.S.')).toBe('cimenterie');
    expect(result.matches).toEqual(
      expect.arrayContaining([
        { document: 1, list: 'establishments', from: 'E1', to: 'acier', by: 'siret' },
        { document: 1, list: 'establishments', from: 'E2', to: 'ciment', by: 'name-postcode' },
      ]),
    );
    expect(result.data.establishments).toHaveLength(5);
  });

  it('renames a colliding id instead of merging two different companies', () => {
    const renamed = result.data.establishments.find((e) => e.name === 'Atelier Acier Fin');
    expect(renamed?.id).toBe('agence:acier');
    expect(result.data.flows.find((f) => f.kind === 'service')).toMatchObject({ from: 'agence:acier', to: 'acier' });
  });

  it('deduplicates flows by (from, to, kind, item code) and keeps every source', () => {
    const slag = result.data.flows.filter((f) => f.item?.code === 'ewc:100202');
    expect(slag).toHaveLength(1);
    expect(slag[0]).toMatchObject({ id: 'f1', source: 'itw', sources: ['itw', 'agence:itw'], valueEur: 1000 });
    expect(result.data.meta.sources?.map((s) => s.id)).toEqual(['itw', 'ws', 'agence:itw']);
    const mill = result.data.establishments.find((e) => e.id === 'acier');
    expect(mill?.sources).toEqual(['agence:itw']);
    expect(mill?.sectors).toEqual(['sidérurgie']);
  });

  it('reports conflicts and keeps the first value', () => {
    expect(result.conflicts).toEqual(
      expect.arrayContaining([
        {
          list: 'establishments',
          id: 'acier',
          field: 'employees',
          values: [
            { document: 0, value: 800 },
            { document: 1, value: 850 },
          ],
        },
        {
          list: 'establishments',
          id: 'acier',
          field: 'name',
          values: [
            { document: 0, value: 'Aciérie' },
            { document: 1, value: 'ACIERIE' },
          ],
        },
      ]),
    );
    expect(result.data.establishments.find((e) => e.id === 'acier')?.employees).toBe(800);
  });

  it('fills fields one side lacks, without conflict', () => {
    const cement = result.data.establishments.find((e) => e.id === 'ciment');
    expect(cement?.location).toEqual({ lat: 49.41, lon: 0.25, postcode: '76600', city: 'Port' });
    expect(result.conflicts.some((c) => c.field.startsWith('location'))).toBe(false);
  });

  it('gives a document that validates, and leaves its inputs untouched', () => {
    const a = first();
    const b = otherAgency();
    const snapshot = structuredClone([a, b]);
    const r = mergeToile([a, b]);
    expect([a, b]).toEqual(snapshot);
    const v = validateToile(r.data);
    expect(v.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('unites the capabilities of a merged establishment by id; one id with other values is a conflict, the first kept', () => {
    const a = capabilityDocument();
    const b = capabilityDocument();
    const steel = b.establishments[0]!;
    steel.capabilities = [
      { ...steel.capabilities![0]!, spare: { share: 0.5 } },
      { id: 'acier-traitement', label: 'Traitement thermique', process: 'din8580:6' },
    ];
    const { data, conflicts } = mergeToile([a, b]);
    const merged = data.establishments.find((e) => e.id === a.establishments[0]!.id)!;
    expect(merged.capabilities?.map((c) => c.id)).toEqual(['acier-usinage', 'acier-labo', 'acier-traitement']);
    expect(merged.capabilities?.[0]?.spare).toEqual({ share: 0.25, from: '2026-01-01', to: '2026-12-31' });
    expect(conflicts).toContainEqual(expect.objectContaining({ list: 'establishments', field: 'capabilities[acier-usinage]' }));
    expect(validateToile(data).valid).toBe(true);
  });

  it('merging a document with itself changes nothing but the metadata', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), (copies) => {
        const doc = baseDocument();
        const r = mergeToile(Array.from({ length: copies }, () => doc));
        expect(r.data.establishments).toEqual(doc.establishments);
        expect(r.data.flows.map((f) => f.id)).toEqual(doc.flows.map((f) => f.id));
        expect(r.conflicts).toEqual([]);
      }),
    );
  });
});

describe('publishToile', () => {
  const SECRET_VALUE = 987654.321;
  const secretDoc = documentWith((d) => {
    d.flows[0]!.confidentiality = 'confidential';
    d.flows[0]!.valueEur = SECRET_VALUE;
    d.flows[0]!.item = { label: 'SECRET-LAITIER-XYZ', code: 'ewc:100202' };
    d.flows[1]!.confidentiality = 'partners';
    d.flows[1]!.item = { label: 'PARTNER-MINERAI' };
    d.establishments.push({ id: 'secret-co', name: 'SECRET-COMPANY', confidentiality: 'confidential', employees: 4242 });
    d.flows.push({ id: 'fs', from: 'secret-co', to: 'port', kind: 'service', description: 'SECRET-SERVICE' });
    d.resources!.push({
      id: 'rs',
      establishment: 'acier',
      direction: 'offer',
      kind: 'byproduct',
      confidentiality: 'confidential',
      description: 'SECRET-OFFER',
    });
    d.establishments[0]!.ext = { internalNote: 'SECRET-EXT' };
  });

  it('public: no confidential or partner value survives anywhere in the output', () => {
    const { data, withheld } = publishToile(secretDoc, { audience: 'public', date: '2026-11-23' });
    const text = JSON.stringify(data);
    for (const marker of ['SECRET', 'PARTNER', String(SECRET_VALUE), '4242']) expect(text).not.toContain(marker);
    expect(data.flows.map((f) => f.id)).toEqual(['f3']);
    expect(withheld).toEqual({ establishments: 1, flows: 3, resources: 1, fields: 1 });
    expect(data.meta.publication).toEqual({ audience: 'public', date: '2026-11-23', withheld });
    expect(validateToile(data).valid).toBe(true);
  });

  it('public with existence: hidden flows keep only who and what kind', () => {
    const { data } = publishToile(secretDoc, { audience: 'public', hiddenFlows: 'existence' });
    const text = JSON.stringify(data);
    for (const marker of ['SECRET', 'PARTNER', String(SECRET_VALUE)]) expect(text).not.toContain(marker);
    expect(data.flows.find((f) => f.id === 'f1')).toEqual({ id: 'f1', from: 'acier', to: 'ciment', kind: 'byproduct', confidentiality: 'confidential' });
  });

  it('partners: partner-level data stays, confidential goes', () => {
    const { data } = publishToile(secretDoc, { audience: 'partners' });
    const text = JSON.stringify(data);
    expect(text).toContain('PARTNER-MINERAI');
    expect(text).not.toContain('SECRET');
    expect(text).not.toContain(String(SECRET_VALUE));
  });

  it('a capability is kept or withheld by its own level, and goes with its establishment', () => {
    const doc = capabilityDocument();
    // acier: public establishment with a partners capability (usinage) and a public one (labo);
    // ciment: partners establishment with a confidential capability; port: confidential, with a public one.
    doc.establishments[0]!.capabilities![0]!.label = 'PARTNER-CAP';
    doc.establishments[0]!.capabilities![1]!.ext = { note: 'SECRET-EXT' };
    doc.establishments[1]!.confidentiality = 'partners';
    doc.establishments[1]!.capabilities![0]!.label = 'SECRET-CAP';
    doc.establishments[2]!.confidentiality = 'confidential';
    doc.establishments[2]!.capabilities = [{ id: 'port-cap', label: 'SECRET-OWNER', process: 'logistics', confidentiality: 'public' }];
    const ids = (d: ToileDocument) => d.establishments.map((e) => [e.id, e.capabilities?.map((c) => c.id)]);

    const pub = publishToile(doc, { audience: 'public', date: '2026-11-23' });
    expect(ids(pub.data)).toEqual([
      ['acier', ['acier-labo']],
      ['fournisseur', undefined],
    ]);
    expect(JSON.stringify(pub.data)).not.toMatch(/SECRET|PARTNER/);
    // 2 establishments; 1 capability on its own + 1 with ciment + 1 with port; the labo's ext.
    expect(pub.withheld).toEqual({ establishments: 2, flows: 2, resources: 1, capabilities: 3, fields: 1 });
    expect(pub.data.meta.publication?.withheld).toEqual(pub.withheld);
    expect(validateToile(pub.data).valid).toBe(true);

    const partners = publishToile(doc, { audience: 'partners' });
    // ciment is shown, but its only capability is confidential: no empty list hints that it had one.
    expect(ids(partners.data)).toEqual([
      ['acier', ['acier-usinage', 'acier-labo']],
      ['ciment', undefined],
      ['fournisseur', undefined],
    ]);
    expect(JSON.stringify(partners.data)).toContain('PARTNER-CAP');
    expect(JSON.stringify(partners.data)).not.toContain('SECRET');
    expect(partners.withheld.capabilities).toBe(2);

    const internal = publishToile(doc, { audience: 'internal', keepExtensions: true });
    expect(internal.data.establishments.map((e) => e.capabilities)).toEqual(doc.establishments.map((e) => e.capabilities));
    expect(internal.withheld.capabilities).toBe(0);
    // A document without capabilities reports none.
    expect(publishToile(baseDocument(), { audience: 'public' }).withheld).not.toHaveProperty('capabilities');
  });

  it('a capability whose level cannot be read is confidential: unknown words, other types', () => {
    const doc = capabilityDocument();
    const caps = doc.establishments[0]!.capabilities as { confidentiality?: unknown; label?: string }[];
    caps[0]!.confidentiality = 'publik';
    caps[0]!.label = 'SECRET-1';
    caps[1]!.confidentiality = 0;
    caps[1]!.label = 'SECRET-2';
    const { data, withheld } = publishToile(doc, { audience: 'partners' });
    expect(JSON.stringify(data)).not.toContain('SECRET');
    expect(data.establishments[0]).not.toHaveProperty('capabilities');
    expect(withheld.capabilities).toBe(3);
  });
});
