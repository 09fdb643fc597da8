/**
 * One table of a columnar merge's result: gathered column by column from the rows of the inputs
 * each result row comes from, then merged cell by cell where a later input describes the same
 * record. Codes of the inputs are translated once per dictionary entry (references through the
 * establishments' renaming, sources through the sources' renaming), never once per row.
 */
import { CSV_TABLES, type CsvColumn, type CsvTableName } from '@toile/schema';
import type { ConflictReport } from '../merge/fields.ts';
import { columnTypeOf, type Column, type TableColumns } from './columns.ts';
import { dictionaryCode, StringIndex } from '../util/string-table.ts';

/** One input's table, and how its values read in the result. */
export interface MergeInput {
  readonly table: TableColumns;
  /** An establishment id this input refers to (`from`, `to`, `establishment`), as the result names it. */
  readonly reference: (id: string) => string;
  /** For reference columns, the result's id of each dictionary entry when known beforehand (by column name). */
  readonly resolved?: Readonly<Record<string, readonly string[]>>;
  /** A source id of this input, as the result names it. */
  readonly source: (id: string) => string;
}

/** Columns whose values are establishment ids. */
const REFERENCES: ReadonlySet<string> = new Set(['from', 'to', 'establishment']);

/** Where each row of the result comes from: an input and a row of it. */
export interface RowOrigins {
  readonly input: ArrayLike<number>;
  readonly row: ArrayLike<number>;
  readonly length: number;
}

/** A code column of the result, its dictionary growing as inputs are translated into it. */
interface CodeOut {
  readonly codes: Uint32Array;
  readonly dictionary: string[];
  readonly position: StringIndex;
  /** Per input: its code → the result's code (0 → 0). */
  readonly translate: (Uint32Array | undefined)[];
}

/** The result's table, built by {@link gather} and completed by {@link mergeRow}. */
export class MergedTable {
  readonly name: CsvTableName;
  readonly #template: readonly CsvColumn[];
  readonly #inputs: readonly MergeInput[];
  readonly #columns: Column[] = [];
  readonly #codes: (CodeOut | undefined)[] = [];
  /** Each column's record path as a conflict names it (`location.postcode`). */
  readonly #fields: readonly string[];
  /** Each column of each input, by column then input: looked up once, not once per cell. */
  readonly #from: (Column | undefined)[][];
  #rows = 0;

  constructor(name: CsvTableName, inputs: readonly MergeInput[]) {
    this.name = name;
    this.#template = CSV_TABLES[name];
    this.#inputs = inputs;
    this.#fields = this.#template.map((c) => c.path.join('.'));
    this.#from = this.#template.map((c) => inputs.map((i) => i.table.columns[c.name]));
  }

  /**
   * Fills every column of the template from the rows' origins. `override` gives, by column name,
   * the value of each result row instead (ids after renaming, a capability's owner).
   */
  gather(origins: RowOrigins, override: Readonly<Record<string, readonly (string | undefined)[]>> = {}): void {
    const n = (this.#rows = origins.length);
    const { input, row } = origins;
    // Result rows come in runs from one input (the first input's rows, then each later one's new
    // rows): each run is copied with that input's arrays at hand, not looked up again per cell.
    const runs = runsOf(input, n);
    this.#template.forEach((c, k) => {
      const type = columnTypeOf(c);
      const given = override[c.name];
      const from = this.#from[k]!;
      if (type === 'code') {
        const dictionary: string[] = [];
        const out: CodeOut = { codes: new Uint32Array(n), dictionary, position: new StringIndex(dictionary), translate: [] };
        this.#codes[k] = out;
        this.#columns[k] = { type, codes: out.codes, dictionary: out.dictionary };
        if (given) for (let i = 0; i < n; i++) out.codes[i] = given[i] === undefined ? 0 : codeIn(out, given[i]!);
        else {
          // Every input's dictionary translated first, in input order: the result's dictionary
          // lists values in that order whichever rows come from where.
          from.forEach((_, d) => this.#translated(k, d));
          eachRun(runs, (d, start, end) => {
            const column = from[d];
            if (column?.type !== 'code') return;
            const codes = column.codes;
            const translate = this.#translated(k, d);
            for (let i = start; i < end; i++) out.codes[i] = translate[codes[row[i]!]!]!;
          });
        }
        return;
      }
      if (type === 'number' || type === 'boolean') {
        const values = type === 'number' ? new Float64Array(n).fill(Number.NaN) : new Uint8Array(n);
        eachRun(runs, (d, start, end) => {
          const column = from[d];
          if (column?.type !== type) return;
          const source = column.values;
          for (let i = start; i < end; i++) values[i] = source[row[i]!]!;
        });
        this.#columns[k] = type === 'number' ? { type, values: values as Float64Array } : { type, values: values as Uint8Array };
        return;
      }
      const values = new Array<string | readonly string[] | undefined>(n);
      if (given) for (let i = 0; i < n; i++) values[i] = given[i];
      else {
        values.fill(undefined);
        eachRun(runs, (d, start, end) => {
          const column = from[d];
          if (column?.type !== type) return;
          const source: readonly (string | readonly string[] | undefined)[] = column.values;
          for (let i = start; i < end; i++) values[i] = source[row[i]!];
        });
      }
      this.#columns[k] = type === 'text' ? { type, values: values as (string | undefined)[] } : { type, values: values as (readonly string[] | undefined)[] };
    });
  }

  /**
   * Merges row `row` of input `input` into row `at` of the result: a value the result lacks is
   * taken, lists are united, two different values are reported (the result's is kept). Columns in
   * `skip` are left alone. Field names are record paths (`location.postcode`), as in `mergeToile`.
   */
  mergeRow(at: number, input: number, row: number, skip: ReadonlySet<string>, report: ConflictReport): void {
    for (let k = 0; k < this.#template.length; k++) {
      if (!skip.has(this.#template[k]!.name)) this.#mergeCell(k, at, input, row, report);
    }
  }

  /** {@link mergeRow} for column `k`. */
  #mergeCell(k: number, at: number, input: number, row: number, report: ConflictReport): void {
    const from = this.#from[k]![input];
    const to = this.#columns[k]!;
    const field = this.#fields[k]!;
    if (!from || from.type !== to.type) return;
    switch (to.type) {
      case 'number': {
        const v = (from as { values: Float64Array }).values[row]!;
        const kept = to.values[at]!;
        if (Number.isNaN(v)) return;
        if (Number.isNaN(kept)) to.values[at] = v;
        else if (kept !== v) report(field, kept, v);
        return;
      }
      case 'boolean': {
        const v = (from as { values: Uint8Array }).values[row]!;
        const kept = to.values[at]!;
        if (v === 0) return;
        if (kept === 0) to.values[at] = v;
        else if (kept !== v) report(field, kept === 2, v === 2);
        return;
      }
      case 'code': {
        const code = this.#translated(k, input)[this.#codeAt(k, input, row)]!;
        const kept = to.codes[at]!;
        if (code === 0) return;
        if (kept === 0) to.codes[at] = code;
        else if (kept !== code) report(field, to.dictionary[kept - 1], to.dictionary[code - 1]);
        return;
      }
      case 'text': {
        const v = (from as { values: readonly (string | undefined)[] }).values[row];
        const values = to.values as (string | undefined)[];
        if (v === undefined) return;
        if (values[at] === undefined) values[at] = v;
        else if (values[at] !== v) report(field, values[at], v);
        return;
      }
      case 'list': {
        const v = (from as { values: readonly (readonly string[] | undefined)[] }).values[row];
        const values = to.values as (readonly string[] | undefined)[];
        if (v === undefined) return;
        const kept = values[at];
        values[at] = kept === undefined ? v : [...new Set([...kept, ...v])];
      }
    }
  }

  /** The table as columns (the builder is not to be used after). */
  finish(): TableColumns {
    const columns: Record<string, Column> = {};
    this.#template.forEach((c, k) => (columns[c.name] = this.#columns[k]!));
    return { rows: this.#rows, columns };
  }

  /** Column `k` of an input (absent when that input did not load it). */
  #input(k: number, input: number): Column | undefined {
    return this.#inputs[input]!.table.columns[this.#template[k]!.name];
  }

  /** The code of a cell of an input's code column (0 when absent; inputs are given codes where the template has them). */
  #codeAt(k: number, input: number, row: number): number {
    const column = this.#input(k, input);
    return column?.type === 'code' ? column.codes[row]! : 0;
  }

  /** An input's value as the result names it (references and sources renamed). */
  #readAs(k: number, input: number, value: string): string {
    const name = this.#template[k]!.name;
    const { reference, source } = this.#inputs[input]!;
    return REFERENCES.has(name) ? reference(value) : name === 'source' ? source(value) : value;
  }

  /** Input codes → result codes for column `k` of an input, made on first use. */
  #translated(k: number, input: number): Uint32Array {
    const out = this.#codes[k]!;
    let translate = out.translate[input];
    if (!translate) {
      const column = this.#input(k, input);
      const dictionary = column?.type === 'code' ? column.dictionary : [];
      translate = new Uint32Array(dictionary.length + 1);
      const resolved = this.#inputs[input]!.resolved?.[this.#template[k]!.name];
      for (let i = 0; i < dictionary.length; i++) translate[i + 1] = codeIn(out, resolved ? resolved[i]! : this.#readAs(k, input, dictionary[i]!));
      out.translate[input] = translate;
    }
    return translate;
  }
}

/** The result's code of a value, added to its dictionary when new. */
function codeIn(out: CodeOut, value: string): number {
  return dictionaryCode(out.position, out.dictionary, value);
}

/** Runs of consecutive rows from one input: input, first row, row after the last (flat triples). */
function runsOf(input: ArrayLike<number>, n: number): number[] {
  const runs: number[] = [];
  for (let i = 0; i < n;) {
    const d = input[i]!;
    let end = i + 1;
    while (end < n && input[end] === d) end++;
    runs.push(d, i, end);
    i = end;
  }
  return runs;
}

function eachRun(runs: readonly number[], copy: (input: number, start: number, end: number) => void): void {
  for (let j = 0; j < runs.length; j += 3) copy(runs[j]!, runs[j + 1]!, runs[j + 2]!);
}
