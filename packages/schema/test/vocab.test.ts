import { describe, expect, it } from 'vitest';
import {
  AVOIDED_EMISSION_FACTORS,
  AVOIDED_EMISSIONS_ATTRIBUTION,
  convertQuantity,
  EWC_ATTRIBUTION,
  EWC_ENTRIES,
  FAMILIES,
  CO2E_ATTRIBUTION,
  getAvoidedEmissionRoutes,
  getAvoidedEmissions,
  getCarbonWeight,
  getFamily,
  getEwcEntry,
  getNafLabel,
  getUnit,
  isNafSubclass,
  KIND_DIMENSIONS,
  FLOW_KINDS,
  getProcess,
  getProcessLabel,
  getProcessLineage,
  isProcessId,
  PROCESS_IDS,
  PROCESSES,
  PROCESSES_NOTE,
  UNITS,
} from '../src/index.ts';
import { parseProcesses } from '../scripts/processes.ts';
import { readOpenApi } from '../scripts/artifacts.ts';

describe('EWC vocabulary', () => {
  it('has the 842 six-digit entries of the list, with chapters and sub-chapters', () => {
    expect(EWC_ENTRIES.filter((e) => e.level === 'entry')).toHaveLength(842);
    expect(EWC_ENTRIES.filter((e) => e.level === 'chapter')).toHaveLength(20);
    expect(getEwcEntry('10')?.level).toBe('chapter');
    expect(getEwcEntry('1001')?.level).toBe('subchapter');
  });

  it('flags hazardous entries (asterisk) and maps materials to families', () => {
    expect(getEwcEntry('010304')?.hazardous).toBe(true);
    expect(getEwcEntry('010101')).toMatchObject({ hazardous: false, family: 'mineral-waste' });
    expect(getEwcEntry('999999')).toBeUndefined();
    const familyIds = new Set(FAMILIES.map((f) => f.id));
    for (const e of EWC_ENTRIES) if (e.family) expect(familyIds.has(e.family)).toBe(true);
  });

  it('gives every entry its official French label (annex II to article R541-8), with the source', () => {
    expect(getEwcEntry('100202')?.fr).toBe('laitiers non traités');
    expect(getEwcEntry('10')?.fr).toMatch(/^DÉCHETS PROVENANT DE PROCÉDÉS THERMIQUES/);
    expect(getEwcEntry('010304')?.fr).toBe('stériles acidogènes provenant de la transformation du sulfure');
    for (const e of EWC_ENTRIES) expect(e.fr.length, e.code).toBeGreaterThan(0);
    expect(EWC_ATTRIBUTION).toMatch(/R541-8/);
  });

  it('keeps its attribution', () => {
    expect(EWC_ATTRIBUTION).toMatch(/CC BY 4\.0/);
    expect(EWC_ATTRIBUTION).toMatch(/Data Commons Scotland/);
  });
});

describe('NAF labels', () => {
  it('knows every level and refuses invented codes', () => {
    expect(getNafLabel('24.10Z')).toMatch(/sidérurgie/i);
    expect(isNafSubclass('24.10Z')).toBe(true);
    expect(isNafSubclass('24.10')).toBe(false);
    expect(isNafSubclass('99.99Z')).toBe(false);
    expect(getNafLabel('__proto__')).toBeUndefined();
  });
});

describe('units', () => {
  it('converts within a dimension and refuses across dimensions', () => {
    expect(convertQuantity(1, 't/h', 't/yr')).toBe(8760);
    expect(convertQuantity(3.6, 'GJ/yr', 'MWh/yr')).toBeCloseTo(1);
    expect(convertQuantity(1, 'MW', 'MWh/yr')).toBe(8760);
    expect(convertQuantity(1, 't/yr', 'm3/yr')).toBeUndefined();
    expect(convertQuantity(1, 'furlong', 't/yr')).toBeUndefined();
  });

  it('gives every flow kind at least one dimension that exists', () => {
    const dims = new Set(UNITS.map((u) => u.dimension));
    for (const kind of FLOW_KINDS) {
      expect(KIND_DIMENSIONS[kind]?.length).toBeGreaterThan(0);
      for (const d of KIND_DIMENSIONS[kind] ?? []) expect(dims.has(d)).toBe(true);
    }
    expect(getUnit('t/yr')?.label.fr).toBe('tonnes par an');
  });
});

describe('families', () => {
  it('are kebab-case, labelled in French and English, with CO2e factors where a material fits', () => {
    for (const f of FAMILIES) {
      expect(f.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(f.label.fr.length).toBeGreaterThan(0);
      expect(f.label.en.length).toBeGreaterThan(0);
    }
    expect(getCarbonWeight('wood')).toBe(8.7);
    expect(getCarbonWeight('textiles')).toBe(100);
    expect(getCarbonWeight('steam')).toBeUndefined();
    // A relative weighting (textiles = 100), never presented as t CO2e avoided per t.
    expect(CO2E_ATTRIBUTION).toMatch(/relative weighting/);
    expect(CO2E_ATTRIBUTION).not.toMatch(/avoided per t recycled/);
  });
});

describe('avoided emissions per tonne recycled (FEDEREC 2017 via the ADEME Base Carbone®)', () => {
  it('reproduce the figures of the source page: ferrous metals 2211 virgin − 938 recycled = 1273 kg CO2e per t', () => {
    const f = getAvoidedEmissions('ferrous-metals');
    expect(f).toMatchObject({ id: 'ferrous-scrap', virginKgCo2ePerT: 2211, recycledKgCo2ePerT: 938, avoidedKgCo2ePerT: 1273, year: 2017 });
    expect(f?.url).toBe('https://prod-basecarbonesolo.ademe-dri.fr/documentation/UPLOAD_DOC_FR/acier.htm');
    expect(f?.licence).toMatch(/Licence Ouverte/);
    expect(f?.source).toMatch(/FEDEREC/);
    expect(f?.scope.fr).toMatch(/tonne de déchets/);
    expect(f?.route.fr).toMatch(/acier/);
    // The same factor for a ferrous item with an EWC code that lists no route of its own.
    expect(getAvoidedEmissions('ferrous-metals', '17 04 05')).toBe(f);
  });

  it('give no figure where no route stands for the whole family', () => {
    expect(getAvoidedEmissions('plastics')).toBeUndefined();
    expect(getAvoidedEmissions('textiles')).toBeUndefined();
    expect(getAvoidedEmissions(undefined)).toBeUndefined();
    // Non-ferrous metals mix aluminium and copper: only copper's own code has a figure.
    expect(getAvoidedEmissions('non-ferrous-metals')).toBeUndefined();
    expect(getAvoidedEmissions('non-ferrous-metals', '170402')).toBeUndefined();
    expect(getAvoidedEmissions('non-ferrous-metals', '170401')).toMatchObject({
      id: 'copper',
      virginKgCo2ePerT: 1445,
      recycledKgCo2ePerT: 1304,
      avoidedKgCo2ePerT: 141,
    });
    // Paper and cardboard: recorded, but recycling emits more than virgin production in this study.
    expect(getAvoidedEmissions('paper-cardboard')).toBeUndefined();
    expect(getAvoidedEmissionRoutes('paper-cardboard').map((r) => [r.id, r.avoidedKgCo2ePerT])).toEqual([
      ['paper-pulp', -20],
      ['cardboard', -280],
    ]);
  });

  it('keep every route consistent: a known family, avoided = virgin − recycled, a source page, at most one default per family', () => {
    const defaults = new Set<string>();
    for (const f of AVOIDED_EMISSION_FACTORS) {
      expect(getFamily(f.family), f.id).toBeDefined();
      expect(f.avoidedKgCo2ePerT).toBe(f.virginKgCo2ePerT - f.recycledKgCo2ePerT);
      expect(f.url).toMatch(/^https:\/\//);
      if (f.familyDefault) {
        expect(defaults.has(f.family), f.family).toBe(false);
        defaults.add(f.family);
      }
    }
    expect(AVOIDED_EMISSIONS_ATTRIBUTION).toMatch(/Licence Ouverte/);
  });
});

describe('processes (DIN 8580 main groups and groups, service processes)', () => {
  it('have the six DIN 8580 main groups, in order, each followed by its groups', () => {
    const main = PROCESSES.filter((p) => p.din8580 && !p.parent);
    expect(main.map((p) => p.id)).toEqual(['din8580:1', 'din8580:2', 'din8580:3', 'din8580:4', 'din8580:5', 'din8580:6']);
    expect(main.map((p) => p.label.en)).toEqual([
      'Primary shaping',
      'Forming',
      'Separating (cutting and machining)',
      'Joining',
      'Coating',
      'Changing material properties',
    ]);
    for (const p of PROCESSES.filter((x) => x.din8580?.includes('.'))) {
      expect(p.parent, p.id).toBe(`din8580:${p.din8580!.split('.')[0]}`);
      expect(PROCESS_IDS.indexOf(p.parent!), p.id).toBeLessThan(PROCESS_IDS.indexOf(p.id));
    }
    expect(getProcess('din8580:3.2')).toMatchObject({ kind: 'manufacturing', din8580: '3.2', parent: 'din8580:3' });
    expect(getProcess('din8580:3.2')?.includes?.en).toMatch(/turning, drilling, milling/);
    expect(getProcessLabel('din8580:4.6', 'en')).toBe('Welding');
    expect(getProcessLabel('din8580:4.6')).toBe('Soudage');
  });

  it('have the service processes, labelled in French and English, and refuse unknown ids', () => {
    for (const id of ['assembly', 'design', 'prototyping', 'testing', 'testing:laboratory', 'testing:ndt', 'logistics', 'maintenance']) {
      expect(getProcess(id)?.kind, id).toBe('service');
    }
    // Every id is one the format's `Process` pattern accepts.
    const pattern = new RegExp((readOpenApi().components as { schemas: Record<string, { pattern: string }> }).schemas.Process!.pattern);
    for (const p of PROCESSES) {
      expect(p.label.fr.length, p.id).toBeGreaterThan(0);
      expect(p.label.en.length, p.id).toBeGreaterThan(0);
      expect(p.id).toMatch(pattern);
    }
    expect(new Set(PROCESS_IDS).size).toBe(PROCESS_IDS.length);
    expect(getProcess('din8580:7')).toBeUndefined();
    expect(getProcess('__proto__')).toBeUndefined();
    expect(getProcess(3.2)).toBeUndefined();
    expect(isProcessId('testing:ndt')).toBe(true);
    expect(isProcessId('Testing')).toBe(false);
    expect(getProcessLabel('nope')).toBeUndefined();
    expect(PROCESSES_NOTE).toMatch(/DIN 8580:2022-12/);
  });

  it('give each process its lineage up to its root', () => {
    expect(getProcessLineage('din8580:3.2').map((p) => p.id)).toEqual(['din8580:3.2', 'din8580:3']);
    expect(getProcessLineage('testing:ndt').map((p) => p.id)).toEqual(['testing:ndt', 'testing']);
    expect(getProcessLineage('additive-manufacturing').map((p) => p.id)).toEqual(['additive-manufacturing', 'din8580:1']);
    expect(getProcess('additive-manufacturing')?.kind).toBe('manufacturing');
    expect(getProcessLineage('unknown')).toEqual([]);
  });

  it('are built from a source table whose mistakes stop the build', () => {
    const row = (id: string, parent = '', fr = 'x', en = 'x') => ({ id, parent, label_fr: fr, label_en: en });
    const mains = ['1', '2', '3', '4', '5', '6'].map((n) => row(`din8580:${n}`));
    expect(parseProcesses(mains)).toHaveLength(6);
    expect(() => parseProcesses([...mains, row('din8580:3.2', 'din8580:4')])).toThrow(/own main group/);
    expect(() => parseProcesses([...mains, row('din8580:3.2')])).toThrow(/own main group/);
    expect(() => parseProcesses([...mains, row('welding', 'nowhere')])).toThrow(/not listed before/);
    expect(() => parseProcesses([...mains, row('din8580:1')])).toThrow(/repeated id/);
    expect(() => parseProcesses([...mains, row('Welding')])).toThrow(/bad id/);
    expect(() => parseProcesses([...mains, row('din8580:9')])).toThrow(/bad id/);
    expect(() => parseProcesses([...mains, row('welding', '', 'Soudage', '')])).toThrow(/both French and English/);
    expect(() => parseProcesses(mains.slice(1))).toThrow(/six DIN 8580 main groups/);
  });
});
