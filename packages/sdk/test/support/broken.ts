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
