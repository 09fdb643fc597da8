/** A small generated territory opened for breaking: its records as plain objects and a seeded `pick`. */
import { generateTerritory, mulberry32 } from '@toile/testkit';
import type { ToileDocument } from '@toile/schema';

export interface Breakable {
  doc: ToileDocument;
  establishments: Record<string, unknown>[];
  flows: Record<string, unknown>[];
  resources: Record<string, unknown>[];
  /** A record of `list`, chosen by the seed. */
  pick: <T>(list: T[]) => T;
}

/** 40 establishments, 3 flows, a resource and a capability each, ready to be broken by a test. */
export function breakable(seed: number): Breakable {
  const doc = generateTerritory({ establishments: 40, flowsPerEstablishment: 3, resourcesPerEstablishment: 1, capabilitiesPerEstablishment: 1, seed });
  const random = mulberry32(seed);
  return {
    doc,
    establishments: doc.establishments as unknown as Record<string, unknown>[],
    flows: doc.flows as unknown as Record<string, unknown>[],
    resources: (doc.resources ?? []) as unknown as Record<string, unknown>[],
    pick: <T>(list: T[]) => list[Math.floor(random() * list.length)]!,
  };
}

/** A generated territory with errors and warnings in template columns. */
export function brokenTerritory(seed: number): ToileDocument {
  const { doc, establishments: e, flows: f, resources: r, pick } = breakable(seed);
  pick(e).siret = '12345678901234';
  pick(e).naf = '99.99Z';
  pick(e).confidentiality = 'secret';
  pick(e).confidentiality = 'Partenaires';
  pick(e).status = 'closed';
  pick(e).website = 'javascript:alert(1)';
  // Repeated ids (in a table, capabilities follow the first establishment of their id: the copies have none).
  const copy = (x: Record<string, unknown>, name: string) => {
    const { capabilities: _c, ...rest } = x;
    return { ...rest, name };
  };
  e.push(copy(e[3]!, 'Doublon'));
  e.splice(5, 0, copy(e[30]!, 'Doublon en tête'));
  e[7]!.employees = -4;
  pick(f).kind = 'gift';
  pick(f).to = 'nobody';
  const loop = pick(f);
  loop.to = loop.from;
  pick(f).item = { code: 'ewc:999999' };
  pick(f).dependency = { upstream: 1.5 };
  for (const x of f.slice(0, 6)) x.dependency = { upstream: 0.3 };
  for (const x of f.slice(0, 6)) x.to = f[0]!.to;
  f.push({ ...f[2]! });
  f.push({ ...f[f.length - 40]! });
  pick(f).quantity = { value: 3, unit: 'furlongs' };
  // A unit that does not fit the kind, and an EWC code in another family (each pair checked once by codes).
  Object.assign(pick(f), { kind: 'service', quantity: { value: 3, unit: 't/yr' } });
  pick(f).item = { code: 'ewc:120101', family: 'plastics' };
  pick(f).confidentiality = 42;
  pick(r).establishment = 'ghost';
  pick(r).direction = 'both';
  return doc;
}
