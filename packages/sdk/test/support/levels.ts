/**
 * Documents written with every kind of publication level — the format's words, French words, case
 * variants, typos, values of other types, keys written twice — and the audience class each of
 * their values may be shown to. Shared by the SDK's and the widgets' trust property tests.
 *
 * The expected class of each record is worked out from how its level was generated (a typo is
 * confidential by construction), not by the SDK's own reading, so the tests are not tautologies.
 */
import fc from 'fast-check';

/** 0 public, 1 partners, 2 confidential. */
export type Level = 0 | 1 | 2;
export const RANK = ['public', 'partners', 'confidential'] as const;

/** A written level and the class it must be read as (0 public, 1 partners, 2 confidential). */
export const writtenLevel: fc.Arbitrary<{ written: unknown; level: Level }> = fc.oneof(
  fc.constantFrom<{ written: unknown; level: Level }>(
    { written: undefined, level: 0 },
    { written: 'public', level: 0 },
    { written: 'Public', level: 0 },
    { written: 'PUBLIC', level: 0 },
    { written: 'partners', level: 1 },
    { written: 'partenaires', level: 1 },
    { written: 'Partenaires', level: 1 },
    { written: 'PARTNERS', level: 1 },
    { written: 'confidential', level: 2 },
    { written: 'Confidential', level: 2 },
    { written: 'confidentiel', level: 2 },
    { written: 'CONFIDENTIEL', level: 2 },
    { written: 'privé', level: 2 },
    { written: 'secret', level: 2 },
    { written: '', level: 2 },
    { written: null, level: 2 },
    { written: 0, level: 2 },
    { written: false, level: 2 },
    { written: ['public'], level: 2 },
  ),
  // Typos of the real words: one character inserted is never a known word.
  fc
    .tuple(fc.constantFrom('public', 'partners', 'partenaires', 'confidential'), fc.nat(12), fc.constantFrom('x', 'q', '-', '_', 'é', '0'))
    .map(([word, at, ch]) => ({ written: word.slice(0, at % (word.length + 1)) + ch + word.slice(at % (word.length + 1)), level: 2 as Level })),
);

/** One generated document, before it is written. */
export interface Case {
  establishments: { level: { written: unknown; level: Level }; twice?: { written: unknown; level: Level } }[];
  flows: { from: number; to: number; level: { written: unknown; level: Level }; twice?: { written: unknown; level: Level } }[];
  resources: { on: number; level: { written: unknown; level: Level } }[];
  /** Capabilities, each on an establishment with its own level (only in {@link capabilityCaseArb}'s cases). */
  capabilities?: { on: number; level: { written: unknown; level: Level }; twice?: { written: unknown; level: Level } }[];
  csv: boolean;
}

export const caseArb: fc.Arbitrary<Case> = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc.record({
    establishments: fc.array(fc.record({ level: writtenLevel, twice: fc.option(writtenLevel, { nil: undefined }) }), { minLength: n, maxLength: n }),
    flows: fc.array(fc.record({ from: fc.nat(n - 1), to: fc.nat(n - 1), level: writtenLevel, twice: fc.option(writtenLevel, { nil: undefined }) }), {
      maxLength: 8,
    }),
    resources: fc.array(fc.record({ on: fc.nat(n - 1), level: writtenLevel }), { maxLength: 4 }),
    csv: fc.boolean(),
  }),
);

/**
 * {@link caseArb}'s cases with capabilities on their establishments, each written with its own
 * level (and sometimes twice). `caseArb` itself is unchanged, so the tests that use it keep their cases.
 */
export const capabilityCaseArb: fc.Arbitrary<Case> = caseArb.chain((c) =>
  fc
    .array(fc.record({ on: fc.nat(c.establishments.length - 1), level: writtenLevel, twice: fc.option(writtenLevel, { nil: undefined }) }), {
      minLength: 1,
      maxLength: 8,
    })
    .map((capabilities) => ({ ...c, capabilities })),
);

/** A marker per record; the document's text; and the class each marker may be shown to. */
export function build(c: Case): { text: string; markers: Map<string, Level> } {
  const markers = new Map<string, Level>();
  const level = (l: { level: Level }, twice?: { level: Level }) => Math.max(l.level, twice?.level ?? 0) as Level;
  const writeRecord = (record: Record<string, unknown>, l: { written: unknown }, twice?: { written: unknown }) => {
    const body = JSON.stringify(record).slice(1);
    const levels = [l, ...(twice ? [twice] : [])].filter((x) => x.written !== undefined);
    const head = levels.map((x) => `"confidentiality":${JSON.stringify(x.written)}`).join(',');
    return head ? `{${head},${body}` : `{${body}`;
  };
  const estLevels = c.establishments.map((e) => level(e.level, e.twice));
  // Capabilities sit in their establishment, each with its own level: shown only when both may be.
  const capabilityTexts = c.establishments.map(() => [] as string[]);
  (c.capabilities ?? []).forEach((cap, k) => {
    markers.set(`QZC${k}Z`, Math.max(level(cap.level, cap.twice), estLevels[cap.on]!) as Level);
    capabilityTexts[cap.on]!.push(writeRecord({ id: `c${k}`, process: 'din8580:3.2', label: `QZC${k}Z`, certifications: [`QZC${k}Z`] }, cap.level, cap.twice));
  });
  const establishments = c.establishments.map((e, i) => {
    markers.set(`QZE${i}Z`, estLevels[i]!);
    const text = writeRecord({ id: `e${i}`, name: `QZE${i}Z`, description: `QZE${i}Z` }, e.level, e.twice);
    const capabilities = capabilityTexts[i]!;
    return capabilities.length === 0 ? text : `${text.slice(0, -1)},"capabilities":[${capabilities.join(',')}]}`;
  });
  const flows = c.flows
    .filter((f) => f.from !== f.to)
    .map((f, i) => {
      markers.set(`QZF${i}Z`, Math.max(level(f.level, f.twice), estLevels[f.from]!, estLevels[f.to]!) as Level);
      return writeRecord(
        { id: `f${i}`, from: `e${f.from}`, to: `e${f.to}`, kind: 'supply', description: `QZF${i}Z`, item: { label: `QZF${i}Z` } },
        f.level,
        f.twice,
      );
    });
  const resources = c.resources.map((r, i) => {
    markers.set(`QZR${i}Z`, Math.max(r.level.level, estLevels[r.on]!) as Level);
    return writeRecord(
      { id: `r${i}`, establishment: `e${r.on}`, direction: 'offer', kind: 'byproduct', description: `QZR${i}Z`, item: { label: `QZR${i}Z` } },
      r.level,
    );
  });
  const head = JSON.stringify({ toile: '1.0', territory: { id: 't', name: 'T' }, meta: { title: 'T' } }).slice(0, -1);
  const text = `${head},"establishments":[${establishments.join(',')}],"flows":[${flows.join(',')}],"resources":[${resources.join(',')}]}`;
  return { text, markers };
}

/** Markers of a class above `allowed` found in `bytes`. */
export function leaked(bytes: string, markers: Map<string, Level>, allowed: Level): string[] {
  return [...markers].filter(([m, level]) => level > allowed && bytes.includes(m)).map(([m, level]) => `${m} (${RANK[level]})`);
}
