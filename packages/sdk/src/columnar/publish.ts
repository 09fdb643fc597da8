/**
 * Publishing the columnar form for an audience, with the rules of `publishToile` (one home:
 * `publish/audience.ts` decides what each level shows): rows the audience may not see are dropped,
 * flows kept as bare existence lose every other column, and the counts of what was withheld are
 * those `publishToile` reports. Visibility is decided once per distinct level, not once per row.
 */
import { CSV_TABLES } from '@toile/schema';
import { isVisibleTo, readConfidentiality, type Audience } from '../publish/audience.ts';
import { publishedHeader, type PublishOptions, type PublishResult } from '../publish/publish.ts';
import { cellString, emptyColumn, recordAt, type CodeColumn, type Column, type TableColumns, type ToileColumns } from './columns.ts';
import { copyTable, keepRows } from './rows.ts';

/** The outcome of {@link publishColumns}. */
export interface PublishColumnsResult {
  data: ToileColumns;
  withheld: PublishResult['withheld'];
}

/** 1 for each row of `table` whose level the audience may see (a missing level is public, an unknown one confidential). */
function visibleRows(table: TableColumns, audience: Audience): Uint8Array {
  const out = new Uint8Array(table.rows);
  const levels = table.columns['confidentiality'];
  if (levels?.type !== 'code') return out.fill(isVisibleTo(undefined, audience) ? 1 : 0);
  const byCode = Uint8Array.from([undefined, ...levels.dictionary], (level) => (isVisibleTo(level, audience) ? 1 : 0));
  for (let r = 0; r < table.rows; r++) out[r] = byCode[levels.codes[r]!]!;
  return out;
}

/** Flow columns kept for a flow shown as bare existence (`FLOW_EXISTENCE_FIELDS` of publish.ts, plus its level). */
const EXISTENCE_COLUMNS = new Set(['id', 'from', 'to', 'kind', 'status', 'confidentiality']);

/** Clears every other column of a hidden flow and writes its level as read; returns the fields withheld. */
function reduceToExistence(flows: TableColumns, row: number): number {
  const record = recordAt('flows', flows, row);
  const fields = Object.keys(record).filter((k) => !EXISTENCE_COLUMNS.has(k)).length;
  for (const c of CSV_TABLES.flows) {
    const column = flows.columns[c.name];
    if (!column || EXISTENCE_COLUMNS.has(c.name)) continue;
    const empty = emptyColumn(column.type === 'code' ? 'text' : column.type, 1);
    if (column.type === 'code') column.codes[row] = 0;
    else if (empty.type !== 'code') (column.values as unknown[] as { [i: number]: unknown })[row] = (empty.values as ArrayLike<unknown>)[0];
  }
  const levels = flows.columns['confidentiality'] as CodeColumn | undefined;
  if (levels) {
    const level = readConfidentiality(cellString(levels, row));
    const dictionary = levels.dictionary as string[];
    let at = dictionary.indexOf(level);
    if (at < 0) at = dictionary.push(level) - 1;
    levels.codes[row] = at + 1;
  }
  return fields;
}

/** Rows whose reference column names a shown establishment. */
function namesShown(table: TableColumns, column: string, shown: ReadonlySet<string>): Uint8Array {
  const out = new Uint8Array(table.rows);
  const c: Column | undefined = table.columns[column];
  if (c?.type !== 'code') return out;
  const byCode = Uint8Array.from([undefined, ...c.dictionary], (id) => (id !== undefined && shown.has(id) ? 1 : 0));
  for (let r = 0; r < table.rows; r++) out[r] = byCode[c.codes[r]!]!;
  return out;
}

function count(keep: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < keep.length; i++) n += keep[i]!;
  return n;
}

/**
 * The columns an audience may see (see `publishToile`: same rules, same withheld counts). The
 * input is not changed. `meta.publication` records the audience, the date and what was withheld.
 *
 * @example
 * ```ts
 * const { data, withheld } = publishColumns(columns, { audience: 'public' });
 * ```
 */
export function publishColumns(input: ToileColumns, options: PublishOptions): PublishColumnsResult {
  const { audience } = options;
  const t = input.tables;
  const establishments = visibleRows(t.establishments, audience);
  const shown = new Set<string>();
  for (let r = 0; r < t.establishments.rows; r++) if (establishments[r]) shown.add(cellString(t.establishments.columns['id'], r) ?? '');
  const capabilities = namesShown(t.capabilities, 'establishment', shown);
  const capabilityLevels = visibleRows(t.capabilities, audience);
  for (let r = 0; r < capabilities.length; r++) capabilities[r]! &= capabilityLevels[r]!;
  const ends = namesShown(t.flows, 'from', shown);
  const to = namesShown(t.flows, 'to', shown);
  const flowLevels = visibleRows(t.flows, audience);
  let flows = t.flows;
  let fields = 0;
  for (let r = 0; r < ends.length; r++) {
    ends[r]! &= to[r]!;
    if (!ends[r] || flowLevels[r]) continue;
    if (options.hiddenFlows !== 'existence') ends[r] = 0;
    else {
      if (flows === t.flows) flows = copyTable(t.flows);
      fields += reduceToExistence(flows, r);
    }
  }
  const resources = namesShown(t.resources, 'establishment', shown);
  const resourceLevels = visibleRows(t.resources, audience);
  for (let r = 0; r < resources.length; r++) resources[r]! &= resourceLevels[r]!;

  const withheld: PublishResult['withheld'] = {
    establishments: t.establishments.rows - count(establishments),
    flows: t.flows.rows - count(ends),
    resources: t.resources.rows - count(resources),
    ...(t.capabilities.rows > 0 ? { capabilities: t.capabilities.rows - count(capabilities) } : {}),
    fields,
  };
  const data: ToileColumns = {
    ...publishedHeader(input, options, withheld),
    tables: {
      establishments: keepRows(t.establishments, establishments),
      flows: keepRows(flows, ends),
      resources: keepRows(t.resources, resources),
      capabilities: keepRows(t.capabilities, capabilities),
    },
  };
  return { data, withheld };
}
