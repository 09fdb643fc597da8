/**
 * Names of the format's closed lists for people, in French and English: the flow kinds and the
 * flow statuses. Widgets, the command line and documents show these words instead of the ids.
 */
import type { FlowKind, FlowStatus } from './index.ts';

/** A name in both languages of the kit. */
export interface Label {
  readonly fr: string;
  readonly en: string;
}

/** Names of the nine flow kinds. */
export const FLOW_KIND_LABELS: Readonly<Record<FlowKind, Label>> = {
  supply: { fr: 'Achats et fournitures', en: 'Supplies' },
  subcontracting: { fr: 'Sous-traitance', en: 'Subcontracting' },
  service: { fr: 'Services', en: 'Services' },
  byproduct: { fr: 'Coproduits et déchets valorisés', en: 'By-products and reused waste' },
  energy: { fr: 'Énergie', en: 'Energy' },
  water: { fr: 'Eau', en: 'Water' },
  knowledge: { fr: 'Savoir-faire et R&D', en: 'Knowledge and R&D' },
  logistics: { fr: 'Logistique', en: 'Logistics' },
  pooling: { fr: 'Mutualisation', en: 'Pooling' },
};

/** Names of the flow statuses (one flow: `actif`, `en projet`…). */
export const FLOW_STATUS_LABELS: Readonly<Record<FlowStatus, Label>> = {
  active: { fr: 'actif', en: 'active' },
  potential: { fr: 'potentiel', en: 'potential' },
  planned: { fr: 'en projet', en: 'planned' },
  ended: { fr: 'terminé', en: 'ended' },
};
