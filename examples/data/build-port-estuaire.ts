/**
 * Builds examples/data/port-estuaire.toile.json: a FICTIONAL industrial-port territory, the "Estuaire
 * de la Vire-Marine" (no such place: every company, commune, SIRET and figure is invented), for demos,
 * docs and tests. The tables are curated by hand (port-estuaire-establishments.ts, port-estuaire-flows.ts,
 * port-estuaire-resources.ts, port-estuaire-capabilities.ts); a seeded PRNG only fills minor details
 * (street numbers, SIRETs, service volumes: port-estuaire-builder.ts), so the output is the same on
 * every run.
 *
 * Run: `npx tsx examples/data/build-port-estuaire.ts` (writes the JSON next to this script).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { components } from '@toile/schema';
import { add, capShares, establishments, ext, flow, flows, res, resources, serviceFlows } from './port-estuaire-builder.ts';
import { COMMUNES, ESTABLISHMENTS, PARTNERS } from './port-estuaire-establishments.ts';
import { FLOWS, FLOWS_AFTER_SERVICES, LOGISTICS_FLOWS, PORT_SHIPMENTS, SERVICE_CLIENTS, SERVICE_PROVIDERS } from './port-estuaire-flows.ts';
import { NEEDS, OFFERS } from './port-estuaire-resources.ts';
import { CAPABILITIES } from './port-estuaire-capabilities.ts';

type Doc = components['schemas']['ToileDocument'];

// The order of the calls is the order of the PRNG's draws: changing it changes the file.
for (const row of ESTABLISHMENTS) add(...row);
for (const row of PARTNERS) ext(...row);
for (const row of FLOWS) flow(...row);
for (const [shipper, label, q] of PORT_SHIPMENTS) {
  flow('port-autorite', shipper, 'logistics', { label, q, unit: 't/yr', eur: Math.round(q * 1.5), up: 0.1, down: 0.06 });
}
for (const row of LOGISTICS_FLOWS) flow(...row);
serviceFlows(SERVICE_PROVIDERS, SERVICE_CLIENTS);
for (const row of FLOWS_AFTER_SERVICES) flow(...row);
for (const row of OFFERS) res(...row);
for (const row of NEEDS) res(...row);
capShares('upstream', 'to');
capShares('downstream', 'from');
// Capabilities come last and draw nothing from the PRNG: without them the file is what it was.
for (const e of establishments) {
  const capabilities = CAPABILITIES[e.id];
  if (capabilities) e.capabilities = capabilities.map((c) => ({ ...c }));
}

const doc: Doc = {
  $schema: 'https://toile.dev/schema/1/toile.schema.json',
  toile: '1.0',
  territory: {
    id: 'estuaire-vire-marine',
    name: 'Estuaire de la Vire-Marine (territoire fictif)',
    description:
      'Territoire industrialo-portuaire FICTIF, inventé pour les exemples et les tests de Toile : raffinerie, aciérie, chimie, port, agroalimentaire et tissu de PME autour. Toute ressemblance avec un lieu ou une entreprise réels est fortuite.',
    country: 'FR',
    communes: Object.values(COMMUNES).map((c) => c.insee),
    center: { lat: 49.47, lon: 0.23 },
    // A plausible, invented outline: the six communes around the Vire's mouth, open on the estuary to
    // the west (counter-clockwise, closed, as RFC 7946 asks).
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [0.075, 49.405],
          [0.13, 49.392],
          [0.2, 49.388],
          [0.27, 49.383],
          [0.335, 49.39],
          [0.392, 49.41],
          [0.41, 49.447],
          [0.398, 49.49],
          [0.405, 49.522],
          [0.372, 49.552],
          [0.318, 49.572],
          [0.262, 49.578],
          [0.2, 49.571],
          [0.142, 49.561],
          [0.098, 49.545],
          [0.068, 49.52],
          [0.079, 49.493],
          [0.112, 49.472],
          [0.074, 49.455],
          [0.062, 49.43],
          [0.075, 49.405],
        ],
      ],
    },
    places: [
      ...Object.values(COMMUNES).map((c) => ({ name: c.city, kind: 'town' as const, lat: c.lat, lon: c.lon, insee: c.insee })),
      { name: 'Port de la Vire-Marine', kind: 'port', lat: 49.441, lon: 0.158 },
      { name: 'Estuaire de la Vire', kind: 'landmark', lat: 49.463, lon: 0.085 },
    ],
  },
  meta: {
    title: 'Toile industrielle de l’Estuaire de la Vire-Marine (données fictives)',
    description:
      'Jeu de données d’exemple FICTIF : établissements, SIRET, flux, quantités et ressources entièrement inventés. Ne décrit aucune entreprise réelle. Régénéré par examples/data/build-port-estuaire.ts.',
    publisher: 'Agence d’urbanisme de la Vire-Marine (fictive)',
    license: 'etalab-2.0',
    created: '2025-03-01',
    updated: '2026-11-01',
    language: 'fr',
    fictional: true,
    sources: [
      {
        id: 'itw-2025',
        label: 'Entretiens en entreprise (42 établissements), printemps 2025',
        date: '2025-06',
        method: 'interview',
        publisher: 'CCI de l’Estuaire (fictive)',
      },
      {
        id: 'atelier-2025',
        label: 'Atelier d’écologie industrielle du 14 octobre 2025 (offres et besoins)',
        date: '2025-10-14',
        method: 'workshop',
        publisher: 'Club d’écologie industrielle de l’Estuaire (fictif)',
      },
      {
        id: 'enquete-2024',
        label: 'Enquête en ligne flux et dépendances 2024',
        date: '2024-11',
        method: 'survey',
        publisher: 'Agence d’urbanisme de la Vire-Marine (fictive)',
      },
      {
        id: 'open-2025',
        label: 'Données ouvertes : registre des émissions, bilans publiés, répertoire des entreprises (extraits fictifs)',
        date: '2025-01',
        method: 'open-data',
      },
    ],
  },
  establishments,
  flows,
  resources,
};

const out = fileURLToPath(new URL('port-estuaire.toile.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
const kinds = new Map<string, number>();
for (const fl of flows) kinds.set(fl.kind, (kinds.get(fl.kind) ?? 0) + 1);
console.log(
  `wrote ${out}: ${establishments.length} establishments (${establishments.filter((x) => x.external).length} external), ${flows.length} flows ` +
    `(${[...kinds].map(([k, c]) => `${k} ${c}`).join(', ')}), ${resources.length} resources, ` +
    `${establishments.reduce((n, x) => n + (x.capabilities?.length ?? 0), 0)} capabilities`,
);
