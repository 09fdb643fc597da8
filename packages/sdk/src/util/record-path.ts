/**
 * A value at a property path of a record (`['location', 'lat']`): how the CSV template's columns,
 * the Parquet package and the columnar form map a column to its place in a record.
 */

/** The value at `path` in `record`, or undefined when a step is missing or not an object. */
export function valueAtPath(record: unknown, path: readonly string[]): unknown {
  let value = record;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Sets the value at `path` in `record`, creating the objects on the way. */
export function setAtPath(record: Record<string, unknown>, path: readonly string[], value: unknown): void {
  if (path.length === 1) {
    record[path[0]!] = value;
    return;
  }
  let target = record;
  for (let i = 0; i < path.length - 1; i++) target = (target[path[i]!] ??= {}) as Record<string, unknown>;
  target[path[path.length - 1]!] = value;
}
