/**
 * Task: before meeting a company, list what it could exchange with its neighbours — its offers
 * (waste, heat, by-products) that others need, and its needs or outside purchases that others
 * could supply nearby.
 *
 *   npx tsx examples/sdk/synergies-for.ts [FILE] [--id ESTABLISHMENT] [--radius 50] [--top 10] [--json]
 *
 * Default: the sample territory, and the company of the territory's best-scoring candidate.
 * Each candidate has a score in 0–1 (item 40 %, distance 25 %, quantity 20 %, kind 15 %) with its
 * parts, the distance, what the transport costs per tonne against the tonne's value and, when the
 * mass is known, a relative carbon index (not tonnes of CO2e: t/yr × the Scottish Carbon Metric weighting).
 * Uses: loadToile, prepareSynergies, findSynergies (see packages/sdk/docs/analysis.md).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findSynergies, loadToile, prepareSynergies } from '@toile/sdk';

const SAMPLE = fileURLToPath(new URL('../data/port-estuaire.toile.json', import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    id: { type: 'string' },
    radius: { type: 'string', default: '50' },
    top: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
  },
});

const { data } = await loadToile(positionals[0] ?? SAMPLE);
if (!data) {
  console.error('not a Toile document');
  process.exit(1);
}
// Prepared once (offers indexed in a spatial grid), then queried: what a page or a server does.
const prepared = prepareSynergies(data);
const radiusKm = Number(values.radius);
const id = values.id ?? findSynergies(prepared, { radiusKm, top: 1 }).matches[0]?.from;
if (!id) {
  console.error('no synergy candidate in this territory');
  process.exit(1);
}

const result = findSynergies(prepared, { establishment: id, radiusKm, top: Number(values.top) });
if (result.unknownEstablishment) {
  console.error(`unknown establishment id: ${id}`);
  process.exit(1);
}

const names = new Map(data.establishments.map((e) => [e.id, e.name]));
const itemOf = new Map((data.resources ?? []).map((r) => [r.id, r.item?.label ?? r.item?.code ?? r.item?.family ?? r.kind]));
const rows = result.matches.map((m) => ({
  score: m.score,
  direction: m.from === id ? 'gives' : 'receives',
  partner: m.from === id ? m.to : m.from,
  partnerName: names.get(m.from === id ? m.to : m.from) ?? '',
  item: itemOf.get(m.offer) ?? m.offer,
  distanceKm: m.distanceKm,
  transport: m.transport,
  carbonIndex: m.carbonIndex,
  hazardous: m.hazardous,
  parts: m.parts,
}));

if (values.json) {
  console.log(JSON.stringify({ establishment: id, name: names.get(id), considered: result.considered, synergies: rows }, null, 2));
} else {
  console.log(`Synergies for ${names.get(id)} (${id}), within ${radiusKm} km — ${rows.length} candidate(s)\n`);
  for (const [k, r] of rows.entries()) {
    const distance = r.distanceKm === undefined ? 'distance unknown' : `${r.distanceKm.toFixed(1)} km`;
    const transport = r.transport
      ? `, ${r.transport.mode} ${r.transport.costPerTonne} €/t for ${r.transport.valuePerTonne} €/t (${r.transport.valueBasis})`
      : '';
    const co2 = `${transport}${r.carbonIndex === undefined ? '' : `, relative carbon index ${Math.round(r.carbonIndex)} (not t CO2e)`}`;
    console.log(
      `${String(k + 1).padStart(2)}. ${r.score.toFixed(2)}  ${r.direction} ${r.item} ${r.direction === 'gives' ? 'to' : 'from'} ${r.partnerName} — ${distance}${co2}${r.hazardous ? ' — hazardous waste' : ''}`,
    );
    console.log(
      `    item ${r.parts.item.toFixed(2)} · distance ${r.parts.distance.toFixed(2)} · quantity ${r.parts.quantity.toFixed(2)} · kind ${r.parts.kind.toFixed(2)}`,
    );
  }
}
