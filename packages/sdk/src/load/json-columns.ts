/**
 * A Toile JSON file → columnar form, read as a stream: the file is never one string (V8 cannot
 * hold one above ≈ 512 MiB, a national document is larger) and its records never all exist as
 * objects. A file with nothing to say is scanned from its bytes straight into the columns
 * (`json-scan.ts`, the fast path); at the first thing to say, the scan gives up and the file is read
 * again by the general path below, which says it. The text is cut into windows of records (see `JsonSplitter` for why it is cut rather
 * than streamed through a parser), each window is parsed by `parseJson` — the document path's
 * own parser, so syntax errors and keys written twice are reported with the same codes, messages
 * and pointers, placed at their line and column in the file — and its records are appended to
 * the columns then dropped. The rest (`toile`, `territory`, `meta`) is validated as the document
 * validation does, then `validateColumns` checks the records a window at a time.
 *
 * What the columnar form has no column for (`ext`, `sources`, descriptions of flows, unknown
 * properties inside records) is neither kept nor checked, as for a CSV or Parquet package; the
 * CLI reads files small enough to be one string by the document path, which checks them too.
 */
import { createReadStream } from 'node:fs';
import { CSV_TABLE_NAMES, CSV_TABLES, type CsvTableName, type Meta, type Territory } from '@toile/schema';
import { seedReferences, TableBuilder, type Misfit } from '../columnar/builder.ts';
import type { TableColumns, ToileColumns } from '../columnar/columns.ts';
import { validateColumns, type ColumnsValidationResult } from '../columnar/validate.ts';
import { toPointer } from '../util/pointer.ts';
import { semanticMessage, type SemanticCode } from '../validate/messages.ts';
import { validateToile, type Problem } from '../validate/validate.ts';
import { JsonSplitter, type FilePlace, type RecordList } from './json-split.ts';
import { scanJsonFile } from './json-scan-file.ts';
import { parseJson, positionAt, type TextPosition } from './parse.ts';

/** The establishments' id cell. */
const ID_CELL = CSV_TABLES.establishments.findIndex((c) => c.name === 'id');

/** Options of {@link readJsonColumns}. */
export interface JsonColumnsOptions {
  /** At most this many problems are listed (counts stay exact). Default 1000. */
  maxProblems?: number;
  /** Rows validated at once (see `validateColumns`). */
  window?: number;
  /** Bytes read from the file at a time (default 1 MiB). */
  readBytes?: number;
  /**
   * `false` skips the validation of the records (syntax, keys written twice, values without column
   * and the document around the lists are still checked): for a file this SDK wrote from a validated
   * document, or to measure the reading alone. Default true.
   */
  validate?: boolean;
  /**
   * `false` reads every file by the general path (windows of records parsed as text), never by the
   * fast byte scan (`json-scan.ts`): the reference the scan is tested against. Default true.
   */
  scan?: boolean;
  /**
   * `true` lets the fast scan of a file of 32 MiB or more share the flows with a second thread on a
   * machine with two cores or more (see `json-scan-split.ts`), with the same result: for a process
   * that reads large files one after another (the thread is kept between reads). Measured on two
   * cores, 100k establishments / 500k flows: 5–15 % faster from the second read on, 10–17 % slower
   * for the first (the thread starts cold). Default false: one thread.
   */
  threads?: boolean;
}

/**
 * JSON files above this many bytes are read by {@link readJsonColumns} in the CLI (256 MiB): half of
 * what one string can hold, so the document path keeps every file it reads comfortably, and those
 * it could not read (see `io/limits.ts`) are streamed.
 */
export const JSON_STREAM_BYTES = 256 * 1024 * 1024;

/** The size above which the CLI streams a JSON file: `TOILE_JSON_STREAM_BYTES` when set, else {@link JSON_STREAM_BYTES}. */
export function jsonStreamThreshold(env: Readonly<Record<string, string | undefined>>): number {
  const asked = env['TOILE_JSON_STREAM_BYTES'];
  const bytes = asked === undefined || asked.trim() === '' ? Number.NaN : Number(asked);
  return Number.isFinite(bytes) && bytes >= 0 ? bytes : JSON_STREAM_BYTES;
}

/**
 * The outcome of {@link readJsonColumns}: as `readParquetColumns`, except that `data` is null when
 * the text is no JSON (as `readToileText` gives: one `invalid-json` problem with its line and column).
 */
export interface JsonColumnsResult extends Omit<ColumnsValidationResult, 'data'> {
  data: ToileColumns | null;
}

const RECORD_POINTER = /^\/(establishments|flows|resources)\/([0-9]+)(\/.*)?$/;

/** A position in a piece of text (a window or the skeleton) placed in the file. */
type Placer = (position: TextPosition) => FilePlace;

/** The problem with its line and column (and offset) moved to the file, message written again. */
function relocated(problem: Problem, place: Placer, pointer = problem.pointer, known?: number): Problem {
  const params = problem.params;
  if (!params || typeof params['line'] !== 'number' || typeof params['column'] !== 'number') return { ...problem, pointer };
  const offset = typeof params['offset'] === 'number' ? params['offset'] : (known ?? 0);
  const at = place({ line: params['line'], column: params['column'], offset });
  const moved = { ...params, line: at.line, column: at.column, ...('offset' in params ? { offset: at.offset } : {}) };
  return { ...problem, pointer, params: moved, message: semanticMessage(problem.code as SemanticCode, moved) };
}

/** Places a position of a window's text (`[` + records + `]`) whose records start at `start`. */
function windowPlacer(start: FilePlace): Placer {
  return ({ line, column, offset }) => ({
    offset: start.offset + offset - 1,
    line: start.line + line - 1,
    column: line === 1 ? start.column + column - 2 : column,
  });
}

/** Reads the pieces of one file (see the file comment). */
class JsonColumnsReader {
  readonly builders: Record<CsvTableName, TableBuilder>;
  readonly problems: Problem[] = [];
  syntax: Problem | undefined;
  /** Pointers of the values left out of the columns (their absence is not reported again as `schema-required`). */
  readonly misfits: string[] = [];
  readonly splitter: JsonSplitter;

  constructor() {
    this.builders = Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, new TableBuilder(t)])) as Record<CsvTableName, TableBuilder>;
    this.splitter = new JsonSplitter({
      open: (list) => this.#open(list),
      window: (list, text, place) => this.#window(list, text, place),
      missingValue: (place) => this.#fail('ValueExpected', 'valeur attendue', place),
    });
  }

  #open(list: RecordList): void {
    // A list written twice: JSON.parse keeps the last one.
    if (this.builders[list].rows === 0) return;
    this.builders[list] = new TableBuilder(list);
    if (list === 'establishments') this.builders.capabilities = new TableBuilder('capabilities');
  }

  #fail(code: string, reason: string, place: FilePlace): void {
    if (this.syntax) return;
    const reasonEn = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    const params = { line: place.line, column: place.column, offset: place.offset, reason, reasonEn };
    this.syntax = { pointer: '', severity: 'error', code: 'invalid-json', message: semanticMessage('invalid-json', params), params };
  }

  #window(list: RecordList, text: string, place: FilePlace): void {
    if (this.syntax) return;
    const parsed = parseJson(text);
    const placer = windowPlacer(place);
    if (!parsed.ok) {
      this.syntax = relocated(parsed.problem, placer);
      return;
    }
    const records = parsed.value as unknown[];
    const first = this.builders[list].rows;
    for (const p of parsed.problems)
      this.problems.push(
        relocated(
          p,
          placer,
          p.pointer.replace(/^\/([0-9]+)/, (_, k: string) => `/${list}/${first + Number(k)}`),
        ),
      );
    for (let k = 0; k < records.length; k++) this.#append(list, records[k], first + k);
  }

  /** One record into its row (an establishment's capabilities into theirs). */
  #append(list: RecordList, record: unknown, row: number): void {
    // References start from the establishments' ids (see `seedReferences`), as the scan does.
    if (row === 0 && list !== 'establishments') seedReferences(this.builders[list], this.builders.establishments.texts(ID_CELL));
    let misfits = this.builders[list].append(record);
    if (list === 'establishments' && isObject(record) && Array.isArray(record['capabilities'])) {
      const capabilities = record['capabilities'] as unknown[];
      for (let j = 0; j < capabilities.length; j++) {
        const c = capabilities[j];
        if (!isObject(c)) {
          (misfits ??= []).push(['capabilities', String(j)]);
          continue;
        }
        // As `capabilityRows`: the establishment's id first, the capability's own properties after.
        const found = this.builders.capabilities.append({ establishment: record['id'], ...c });
        for (const m of found ?? []) (misfits ??= []).push(['capabilities', String(j), ...m]);
      }
    }
    if (misfits) this.#misfits(list, record, row, misfits);
  }

  /**
   * Values the columns cannot hold (a number where text is expected…): the document validation of
   * the record alone says what it says of them, at the same pointers.
   */
  #misfits(list: RecordList, record: unknown, row: number, misfits: readonly Misfit[]): void {
    const doc: Record<string, unknown> = { toile: '1.0', territory: {}, meta: {}, establishments: [], flows: [] };
    doc[list] = [record];
    const at = misfits.map((m) => toPointer([list, '0', ...m]));
    for (const p of validateToile(doc, { maxProblems: 1_000_000 }).problems) {
      if (!at.some((a) => p.pointer === a || p.pointer.startsWith(`${a}/`))) continue;
      const pointer = p.pointer.replace(`/${list}/0`, `/${list}/${row}`);
      this.problems.push({ ...p, pointer });
    }
    for (const a of at) this.misfits.push(a.replace(`/${list}/0`, `/${list}/${row}`));
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A place in the skeleton's text moved to the file, through the runs it was copied from. */
function skeletonPlacer(skeleton: string, segments: readonly { skeleton: number; place: FilePlace }[]): Placer {
  return ({ offset }) => {
    let s = segments.length - 1;
    while (s > 0 && segments[s]!.skeleton > offset) s--;
    const segment = segments[s] ?? { skeleton: 0, place: { offset: 0, line: 1, column: 1 } };
    const from = positionAt(skeleton, segment.skeleton);
    const to = positionAt(skeleton, offset);
    const delta = offset - segment.skeleton;
    if (to.line === from.line) return { offset: segment.place.offset + delta, line: segment.place.line, column: segment.place.column + delta };
    return { offset: segment.place.offset + delta, line: segment.place.line + to.line - from.line, column: to.column };
  };
}

/** The offset of the position a duplicate key's problem gives (line and column only). */
function offsetOf(text: string, problem: Problem): number {
  const params = problem.params ?? {};
  let start = 0;
  for (let line = 1; line < Number(params['line']); line++) start = text.indexOf('\n', start) + 1;
  return start + Number(params['column']) - 1;
}

/** The result of a text that is no JSON. */
function syntaxResult(problem: Problem): JsonColumnsResult {
  return { valid: false, data: null, problems: [problem], errors: 1, warnings: 0, truncated: false, removed: { establishments: 0, flows: 0, resources: 0 } };
}

/** Severity counts of a list of problems. */
function counts(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const p of problems) if (p.severity === 'error') errors++;
  return { errors, warnings: problems.length - errors };
}

/** The skeleton parsed and checked, the columns validated, all problems in one list. */
function finish(reader: JsonColumnsReader, options: JsonColumnsOptions): JsonColumnsResult {
  const skeleton = reader.splitter.end();
  if (reader.syntax) return syntaxResult(reader.syntax);
  const placer = skeletonPlacer(skeleton, reader.splitter.segments);
  const parsed = parseJson(skeleton);
  if (!parsed.ok) return syntaxResult(relocated(parsed.problem, placer));
  const textProblems = [...reader.problems, ...parsed.problems.map((p) => relocated(p, placer, p.pointer, offsetOf(skeleton, p)))];
  return checked(reader.builders, parsed.value, textProblems, reader.misfits, options);
}

/**
 * The columns the builders hold with the document around them (`head`: the skeleton parsed), checked:
 * the problems of the text first, then those of the document, then those of the records.
 */
function checked(
  builders: Record<CsvTableName, TableBuilder>,
  skeleton: unknown,
  textProblems: readonly Problem[],
  misfits: readonly string[],
  options: JsonColumnsOptions,
): JsonColumnsResult {
  // The document around the lists (its lists emptied): `toile`, `territory`, `meta` and what is
  // not expected there are checked exactly as the document validation checks them.
  const head = validateToile(skeleton, { maxProblems: 1_000_000 });
  const headProblems = head.problems.filter((p) => !RECORD_POINTER.test(p.pointer));
  const tables = Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, builders[t].finish()])) as Record<CsvTableName, TableColumns>;
  const columns: ToileColumns = {
    toile: typeof head.data?.toile === 'string' ? head.data.toile : '1.0',
    territory: (head.data?.territory ?? {}) as Territory,
    meta: (head.data?.meta ?? {}) as Meta,
    tables,
  };
  const max = options.maxProblems ?? 1000;
  // Room for the problems dropped below (they come first: the first window's).
  const room = max + head.problems.length + misfits.length;
  // Each value left out and the values that hold it.
  const aboveMisfit = new Set<string>();
  for (const m of misfits) for (let i = m.length; i > 0; i = m.lastIndexOf('/', i - 1)) aboveMisfit.add(m.slice(0, i));
  const checked =
    options.validate === false
      ? { data: columns, problems: [], errors: 0, warnings: 0, removed: { establishments: 0, flows: 0, resources: 0 } }
      : validateColumns(columns, { ...(options.window ? { window: options.window } : {}), maxProblems: room });
  // Problems of the document itself were said by the head's check; a value without column was
  // said by its record's own check, not again as a missing value.
  const dropped = (p: Problem) => !RECORD_POINTER.test(p.pointer) || (p.code === 'schema-required' && aboveMisfit.has(p.pointer));
  const recordProblems = checked.problems.filter((p) => !dropped(p));
  const gone = counts(checked.problems.filter(dropped));
  const said = counts([...textProblems, ...headProblems]);
  const all = [...textProblems, ...headProblems, ...recordProblems];
  const errors = said.errors + checked.errors - gone.errors;
  const warnings = said.warnings + checked.warnings - gone.warnings;
  return {
    valid: errors === 0,
    data: checked.data,
    problems: all.slice(0, max),
    errors,
    warnings,
    truncated: all.length > max || errors + warnings > Math.min(all.length, max),
    removed: checked.removed,
  };
}

/**
 * Reads a Toile JSON file of any size into the columnar form, validated (see the file comment).
 * Problems are those of `readToileText` for what the columns hold: same codes, messages and
 * pointers, syntax errors and keys written twice at their line and column in the file.
 *
 * @example
 * ```ts
 * import { readJsonColumns } from '@toile/sdk/node';
 * const { data, problems } = await readJsonColumns('france.toile.json');
 * if (data) console.log(findGaps(data));
 * ```
 */
export async function readJsonColumns(path: string, options: JsonColumnsOptions = {}): Promise<JsonColumnsResult> {
  if (options.scan !== false) {
    // The fast scan reads a file with nothing to say; anything else is read again below.
    const scanned = await scanJsonFile(path, undefined, options.threads === true ? 'auto' : 'never');
    const parsed = scanned && parseJson(scanned.skeleton);
    if (scanned && parsed?.ok && parsed.problems.length === 0) return checked(scanned.builders, parsed.value, [], [], options);
  }
  const reader = new JsonColumnsReader();
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: Math.max(1024, options.readBytes ?? 1 << 20) });
  try {
    for await (const piece of stream as AsyncIterable<string>) {
      reader.splitter.push(piece);
      // The first syntax error ends the reading, as it ends `JSON.parse`.
      if (reader.syntax) break;
    }
  } finally {
    stream.destroy();
  }
  return finish(reader, options);
}
