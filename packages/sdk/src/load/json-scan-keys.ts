/**
 * The keys the JSON scan (`json-scan.ts`) knows in a record of each table, as a tree built from the
 * template's column paths (`quantity` → `value`, `unit`): each leaf is a cell of the table's row.
 */
import { CSV_TABLES, type CsvTableName } from '@toile/schema';
import { columnTypeOf, type ColumnType } from '../columnar/columns.ts';
import type { RecordList } from './json-split.ts';

/** What a known key holds: a cell of the row, an object of more keys, or the establishments' capabilities. */
export interface Field {
  readonly key: Uint8Array;
  readonly bit: number;
  /** `refuse`: a key whose value the general path places elsewhere (a capability's own `establishment`). */
  readonly kind: ColumnType | 'object' | 'capabilities' | 'refuse';
  /** Position of the cell in the table's row (template order). */
  readonly cell: number;
  readonly level: boolean;
  readonly child?: KeyNode;
  /** Number of the field among all the trees' (a scan keeps one byte dictionary per code field). */
  readonly id: number;
  /** Its values are establishment ids (flows' `from` and `to`, a resource's `establishment`). */
  readonly reference: boolean;
}

export interface KeyNode {
  readonly fields: Field[];
  /**
   * Where the scan tries the next key first: after the field last read, since records of a file
   * mostly list their keys in one order. A guess only: every field is tried.
   */
  next: number;
}

/** A node with no known key (a value the scan passes over). */
export const NO_KEYS: KeyNode = { fields: [], next: 0 };

const encoder = new TextEncoder();
let fieldCount = 0;

/** The keys of a table's records as a tree (`quantity` → `value`, `unit`), from the template's column paths. */
function keyTree(table: CsvTableName): KeyNode {
  const root: KeyNode = { fields: [], next: 0 };
  const at = (node: KeyNode, key: string, make: () => Omit<Field, 'key' | 'bit' | 'id' | 'reference'>): Field => {
    let field = node.fields.find((f) => new TextDecoder().decode(f.key) === key);
    if (!field) {
      const reference = node === root && (table === 'flows' ? key === 'from' || key === 'to' : table === 'resources' && key === 'establishment');
      field = { key: encoder.encode(key), bit: 2 ** node.fields.length, id: fieldCount++, reference, ...make() };
      node.fields.push(field);
    }
    return field;
  };
  CSV_TABLES[table].forEach((column, cell) => {
    let node = root;
    column.path.slice(0, -1).forEach((step) => {
      node = at(node, step, () => ({ kind: 'object', cell: -1, level: false, child: { fields: [], next: 0 } })).child!;
    });
    const leaf = column.path.at(-1)!;
    // The link of a capability to its establishment is the establishment's id (see `record`); a
    // capability that names one itself overrides it in the general path.
    if (table === 'capabilities' && leaf === 'establishment') at(node, leaf, () => ({ kind: 'refuse', cell: -1, level: false }));
    else at(node, leaf, () => ({ kind: columnTypeOf(column), cell, level: column.path.length === 1 && leaf === 'confidentiality' }));
  });
  if (table === 'establishments') at(root, 'capabilities', () => ({ kind: 'capabilities', cell: -1, level: false }));
  // More keys than bits in a number: the scanner cannot tell repeats apart (never so in the format).
  const tooMany = (node: KeyNode): boolean => node.fields.length > 30 || node.fields.some((f) => f.child !== undefined && tooMany(f.child));
  if (tooMany(root)) throw new Error(`json-scan: too many keys in ${table}`);
  return root;
}

let trees: Record<RecordList | 'capabilities', KeyNode> | undefined;
export const keyTrees = (): Record<RecordList | 'capabilities', KeyNode> =>
  (trees ??= {
    establishments: keyTree('establishments'),
    flows: keyTree('flows'),
    resources: keyTree('resources'),
    capabilities: keyTree('capabilities'),
  });
