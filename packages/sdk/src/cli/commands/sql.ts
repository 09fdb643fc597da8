import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { formatNumber, formatTable } from '../../analysis/table.ts';
import { isParquetPackagePath } from '../../parquet/detect.ts';
import { NAMED_QUERIES, type NamedQuery } from '../../sql/queries.ts';
import type { SqlResult, ToileSql } from '../../sql/duckdb.ts';
import { parseCommandArgs } from '../args.ts';
import { note, UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { printHuman, safe } from '../human.ts';
import { loadDocumentFile, reportInputProblems } from '../load-document.ts';

/** A cell for people: numbers in the user's locale, null as —, lists and objects as JSON. */
function cellText(value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(value, lang, Number.isInteger(value) ? 0 : 4);
  if (typeof value === 'boolean') return lang === 'fr' ? (value ? 'oui' : 'non') : String(value);
  return safe(typeof value === 'string' ? value : JSON.stringify(value));
}

function humanTable(result: SqlResult, lang: Lang): string {
  const numeric = result.types.map((t) => /INT|DOUBLE|FLOAT|DECIMAL|REAL/.test(t));
  const rows = result.rows.map((row) => result.columns.map((c) => cellText(row[c], lang)));
  const count = lang === 'fr' ? `${result.rows.length} ligne(s)\n` : `${result.rows.length} row(s)\n`;
  return `${formatTable(
    result.columns,
    rows,
    numeric.map((n) => (n ? 'right' : 'left')),
  )}${count}`;
}

/**
 * The Parquet package folder of each input: a Parquet package as it is; any other Toile document
 * (JSON, CSV package) loaded, validated and written as Parquet into `scratch`.
 */
async function packageDirs(files: readonly string[], scratch: () => Promise<string>, io: CliIO, lang: Lang): Promise<string[]> {
  const dirs: string[] = [];
  for (const file of files) {
    const path = resolve(io.cwd, file);
    if (isParquetPackagePath(path)) {
      let isDir: boolean;
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        throw new UsageError(`introuvable : ${file}`, `not found: ${file}`);
      }
      dirs.push(isDir ? path : dirname(path));
      continue;
    }
    const input = await loadDocumentFile(file, io, lang);
    reportInputProblems(file, input, io, lang, false);
    if (!input.data) throw new UsageError(`${file} : aucun document lisible`, `${file}: no readable document`);
    const { writeParquetPackage } = await import('../../parquet/read.ts');
    const dir = join(await scratch(), String(dirs.length));
    await writeParquetPackage(dir, input.data);
    dirs.push(dir);
  }
  return dirs;
}

/** DuckDB, loaded only by this command (an optional dependency: a clear message when absent). */
async function openSql(dirs: string[]): Promise<ToileSql> {
  const { openToileSql, ToileSqlError } = await import('../../sql/duckdb.ts');
  try {
    return await openToileSql(dirs);
  } catch (error) {
    if (error instanceof ToileSqlError) throw new UsageError(error.fr, error.en);
    const message = error instanceof Error ? error.message : String(error);
    if (/@duckdb\/node-api|Cannot find (module|package)/.test(message)) {
      throw new UsageError(
        'DuckDB n’est pas installé : npm install @duckdb/node-api (dépendance facultative de @toile/sdk)',
        'DuckDB is not installed: npm install @duckdb/node-api (an optional dependency of @toile/sdk)',
      );
    }
    throw error;
  }
}

function readNumber(value: string | undefined, name: string, whole: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const ok = whole ? Number.isInteger(n) && n > 0 : n >= 0 && n <= 1;
  if (!ok)
    throw new UsageError(
      `${name} attend ${whole ? 'un entier positif' : 'un nombre entre 0 et 1'}`,
      `${name} takes ${whole ? 'a positive whole number' : 'a number between 0 and 1'}`,
    );
  return n;
}

/** `toile sql FILES… "SELECT …"` — SQL over the Parquet tables of one or many territories (DuckDB). */
export const sqlCommand: Command = {
  summary: {
    fr: 'interroge en SQL (DuckDB) les tables Parquet d’un ou plusieurs territoires ; requêtes nationales nommées',
    en: 'query the Parquet tables of one or many territories in SQL (DuckDB); named national queries',
  },
  usage: `toile sql FILES… "SELECT …" | toile sql FILES… --query ${NAMED_QUERIES.join('|')} [--threshold 0.3] [--top N] [--json]`,
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args,
      options: { query: { type: 'string' }, threshold: { type: 'string' }, top: { type: 'string' }, json: { type: 'boolean' } },
    });
    const named = values.query;
    if (named !== undefined && !(NAMED_QUERIES as readonly string[]).includes(named)) {
      throw new UsageError(`--query attend ${NAMED_QUERIES.join(', ')}`, `--query takes ${NAMED_QUERIES.join(', ')}`);
    }
    const files = named === undefined ? positionals.slice(0, -1) : positionals;
    const sql = named === undefined ? positionals.at(-1) : undefined;
    if (files.length === 0 || (named === undefined && !sql)) {
      throw new UsageError(
        'indiquez un ou plusieurs territoires, puis une requête SQL ou --query',
        'give one or more territories, then an SQL query or --query',
      );
    }
    const threshold = readNumber(values.threshold, '--threshold', false);
    const top = readNumber(values.top, '--top', true);
    let scratchDir: string | undefined;
    const scratch = async () => (scratchDir ??= await mkdtemp(join(tmpdir(), 'toile-sql-')));
    try {
      const db = await openSql(await packageDirs(files, scratch, io, lang));
      try {
        const result = named
          ? await db.named(named as NamedQuery, { ...(threshold !== undefined ? { threshold } : {}), ...(top !== undefined ? { top } : {}) })
          : await db.query(sql as string);
        if (values.json) io.stdout(`${JSON.stringify(result.rows, null, 2)}\n`);
        else printHuman(io, humanTable(result, lang));
        return 0;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        note(io, lang === 'fr' ? `toile : erreur SQL : ${message}\n` : `toile: SQL error: ${message}\n`);
        return 1;
      } finally {
        db.close();
      }
    } finally {
      if (scratchDir) await rm(scratchDir, { recursive: true, force: true });
    }
  },
};
