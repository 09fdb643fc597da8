import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToileDocument } from '@toile/schema';
import { generateTerritory } from '@toile/testkit';
import { cliIn } from '@toile/testkit/node';
import { buildIndex, criticalDependencies, edgeMask, findGaps, localAnchoring, publishToile } from '../src/index.ts';
import { writeParquetPackage } from '../src/node.ts';
import { openToileSql, type ToileSql } from '../src/sql/duckdb.ts';

const root = mkdtempSync(join(tmpdir(), 'toile-sql-'));

/** Three generated territories, one with labelled flows (inputs keyed by kind and label) and hand-set values. */
function territories(): ToileDocument[] {
  return [1, 2, 3].map((seed) => {
    const doc = generateTerritory({ establishments: 400 * seed, resourcesPerEstablishment: seed === 2, seed });
    doc.territory = { ...doc.territory, id: `t${seed}`, name: `Territoire ${seed}` };
    if (seed === 3) doc.flows.forEach((f, k) => k % 5 === 0 && !f.item && (f.item = { label: `Maintenance générale ${k % 3}` }));
    return publishToile(doc, { audience: 'internal' }).data;
  });
}

let docs: ToileDocument[];
let sql: ToileSql;
beforeAll(async () => {
  docs = territories();
  for (const doc of docs) await writeParquetPackage(join(root, doc.territory.id), doc);
  sql = await openToileSql(docs.map((d) => join(root, d.territory.id)));
});
afterAll(() => sql.close());

describe('toile sql: named national queries equal the SDK on the same data', () => {
  it('anchoring = localAnchoring(...).territory (active flows)', async () => {
    const { rows } = await sql.named('anchoring');
    expect(rows.map((r) => r.territory)).toEqual(['t1', 't2', 't3']);
    for (const doc of docs) {
      const index = buildIndex(doc);
      const sdk = localAnchoring(doc, index, { mask: edgeMask(index, { statuses: ['active'] }) }).territory;
      const row = rows.find((r) => r.territory === doc.territory.id)!;
      expect([row.local_flows, row.external_flows]).toEqual([sdk.flowCount.local, sdk.flowCount.external]);
      expect(row.flows_local_share).toBeCloseTo(sdk.flows!.local, 12);
      expect(row.value_local_share).toBeCloseTo(sdk.value!.local, 9);
      expect(row.mass_local_share).toBeCloseTo(sdk.quantity!.local, 9);
    }
  });

  it('missing-links = findGaps (missing inputs and exported outputs)', async () => {
    const { rows } = await sql.named('missing-links');
    for (const doc of docs) {
      const gaps = findGaps(doc);
      for (const [side, list] of [
        ['input', gaps.missingInputs],
        ['output', gaps.exportedOutputs],
      ] as const) {
        const mine = rows.filter((r) => r.territory === doc.territory.id && r.side === side);
        expect(list.length).toBeGreaterThan(0);
        expect(mine.map((r) => r.key)).toEqual(list.map((g) => g.key));
        mine.forEach((r, i) => {
          const g = list[i]!;
          expect([r.establishments, r.partners, r.flows]).toEqual([g.establishments.length, g.partners.length, g.flows]);
          expect(r.value_eur).toBeCloseTo(g.valueEur, 6);
        });
      }
    }
  });

  it('single-supplier = criticalDependencies entries of every territory, ranked together', async () => {
    for (const threshold of [0.3, 0.1]) {
      const { rows } = await sql.named('single-supplier', { threshold });
      const sdk = docs.flatMap((doc) => {
        const index = buildIndex(doc);
        return criticalDependencies(doc, index, { mask: edgeMask(index, { statuses: ['active'] }), threshold }).entries.map((e) => ({
          territory: doc.territory.id,
          ...e,
        }));
      });
      expect(rows.length).toBe(sdk.length);
      expect(sdk.some((e) => e.input.startsWith('kind:'))).toBe(true);
      const key = (r: { territory: unknown; establishment: unknown; input: unknown }) => `${r.territory}|${r.establishment}|${r.input}`;
      const byKey = new Map(sdk.map((e) => [key(e), e]));
      for (const r of rows) {
        const e = byKey.get(key(r as never))!;
        expect(e, key(r as never)).toBeDefined();
        expect([r.supplier, r.supplier_external, r.share_source, r.flows]).toEqual([e.supplier, e.supplierExternal, e.shareSource, e.flows.length]);
        expect(r.share).toBeCloseTo(e.share, 9);
      }
      const shares = rows.map((r) => r.share as number);
      expect(shares).toEqual([...shares].sort((a, b) => b - a));
    }
  });

  it('exposes the tables as views with a territory column', async () => {
    const { rows } = await sql.query('SELECT territory, count(*)::INTEGER AS n FROM establishments GROUP BY territory ORDER BY territory');
    expect(rows).toEqual(docs.map((d) => ({ territory: d.territory.id, n: d.establishments.length })));
    const res = await sql.query("SELECT count(*)::INTEGER AS n FROM resources WHERE territory = 't2'");
    expect(res.rows[0]!.n).toBe(docs[1]!.resources!.length);
  });
});

describe('toile sql: the command', () => {
  const toile = cliIn(root);

  it('runs SQL over many territories, human table in French and English, --json for programs', async () => {
    const query = 'SELECT territory, count(*) AS flows FROM flows GROUP BY territory ORDER BY territory';
    const json = await toile('sql', 't1', 't2', 't3', query, '--json');
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(docs.map((d) => ({ territory: d.territory.id, flows: d.flows.length })));
    const fr = await toile('sql', 't1', 't2', query, '--lang', 'fr');
    expect(fr.stdout).toMatch(/territory\s+flows/);
    expect(fr.stdout).toContain('2 ligne(s)');
    const en = await toile('sql', 't1', 't2', query, '--lang', 'en');
    expect(en.stdout).toContain('2 row(s)');
  });

  it('runs a named query, also on a JSON document converted on the fly', async () => {
    writeFileSync(join(root, 't1.json'), JSON.stringify(docs[0]));
    const fromJson = JSON.parse((await toile('sql', 't1.json', '--query', 'anchoring', '--json')).stdout);
    const fromParquet = JSON.parse((await toile('sql', 't1/flows.parquet', '--query', 'anchoring', '--json')).stdout);
    expect(fromJson).toEqual(fromParquet);
    const top = await toile('sql', 't1', 't2', 't3', '--query', 'single-supplier', '--top', '3', '--json');
    expect(JSON.parse(top.stdout)).toHaveLength(3);
  });

  it('reads packages in folders named territory=<id> (Hive-style), and refuses two packages of one territory', async () => {
    const hive = mkdtempSync(join(tmpdir(), 'toile-sql-hive-'));
    for (const doc of docs.slice(0, 2)) await writeParquetPackage(join(hive, `territory=${doc.territory.id}`), doc);
    const two = await openToileSql(docs.slice(0, 2).map((d) => join(hive, `territory=${d.territory.id}`)));
    try {
      const { rows } = await two.query('SELECT territory, count(*) AS n FROM flows GROUP BY territory ORDER BY territory');
      expect(rows).toEqual(docs.slice(0, 2).map((d) => ({ territory: d.territory.id, n: d.flows.length })));
    } finally {
      two.close();
    }
    const copy = join(hive, 'copie');
    await writeParquetPackage(copy, docs[0]!);
    await expect(openToileSql([join(root, docs[0]!.territory.id), copy])).rejects.toThrow(/two packages for territory t1/);
    const cli = await cliIn(root, { LANG: 'fr_FR.UTF-8' })('sql', join(root, docs[0]!.territory.id), copy, '--query', 'anchoring');
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('deux paquets pour le territoire t1');
  });

  it('says what is wrong, in French and English', async () => {
    const bad = await toile('sql', 't1', 'SELECT * FROM nowhere', '--lang', 'fr');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('erreur SQL');
    const badEn = await toile('sql', 't1', 'SELECT * FROM nowhere', '--lang', 'en');
    expect(badEn.stderr).toContain('SQL error');
    const unknown = await toile('sql', 't1', '--query', 'anchorage', '--lang', 'en');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--query takes anchoring, missing-links, single-supplier');
    const none = await toile('sql', '--lang', 'fr');
    expect(none.stderr).toContain('indiquez un ou plusieurs territoires');
  });
});
