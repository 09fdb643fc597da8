/**
 * Task: how anchored is a territory? Of the exchanges of its establishments, how much stays
 * between establishments inside it — by number of flows, by value (€/yr) and by mass (t/yr)?
 *
 *   npx tsx examples/sdk/anchoring.ts [FILE] [--top 10] [--json]
 *
 * Loads a Toile document (default: the sample territory), builds its graph index once, then prints
 * the territory's local shares and those of its establishments with the most flows (active flows).
 * Uses: loadToile, buildIndex, localAnchoring.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { buildIndex, edgeMask, loadToile, localAnchoring, type Anchoring } from '@toile/sdk';

const SAMPLE = fileURLToPath(new URL('../data/port-estuaire.toile.json', import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '10' }, json: { type: 'boolean', default: false } },
});
const file = positionals[0] ?? SAMPLE;
const top = Number(values.top);

// loadToile validates as it loads: `data` is the valid part, `problems` says what was dropped.
const { data, valid, problems } = await loadToile(file);
if (!data || !valid) {
  console.error(`${file}: not a valid Toile document (${problems.length} problem(s)), e.g. ${problems[0]?.message ?? ''}`);
  process.exit(1);
}
const index = buildIndex(data);
// Active flows only, like `toile stats` (potential and ended flows are not exchanges today).
const anchoring = localAnchoring(data, index, { mask: edgeMask(index, { statuses: ['active'] }) });

// Establishments inside the territory, most flows first.
const flowsOf = (a: Anchoring) => a.flowCount.local + a.flowCount.external;
const ranked = data.establishments
  .map((establishment, node) => ({ establishment, anchoring: anchoring.establishments[node] }))
  .filter((row): row is { establishment: (typeof row)['establishment']; anchoring: Anchoring } => row.anchoring != null)
  .sort((a, b) => flowsOf(b.anchoring) - flowsOf(a.anchoring))
  .slice(0, top);

if (values.json) {
  const shares = (a: Anchoring) => ({ flowCount: a.flowCount, flows: a.flows, value: a.value, quantity: a.quantity });
  console.log(
    JSON.stringify(
      {
        territory: { id: data.territory.id, name: data.territory.name, ...shares(anchoring.territory) },
        establishments: ranked.map((r) => ({ id: r.establishment.id, name: r.establishment.name, ...shares(r.anchoring) })),
      },
      null,
      2,
    ),
  );
} else {
  const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
  const share = (s: { local: number } | null) => (s ? percent.format(s.local) : '—');
  const row = (name: string, a: Anchoring) => [name, String(flowsOf(a)), share(a.flows), share(a.value), share(a.quantity)];
  const rows = [
    ['', 'flows', 'local flows', 'local value', 'local mass'],
    row('Whole territory', anchoring.territory),
    ...ranked.map((r) => row(r.establishment.name, r.anchoring)),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  console.log(`Local anchoring — share of exchanges that stay inside ${data.territory.name}\n`);
  console.log(line(rows[0]!));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  console.log(line(rows[1]!));
  console.log(`\nTop ${ranked.length} establishments by number of flows:`);
  for (const r of rows.slice(2)) console.log(line(r));
  console.log('\nValue and mass shares count only the flows whose value or quantity is known; — when none is.');
}
