/** The files of an exported CSV package, in the shape `importCsvPackage` reads. */
import type { CsvPackageFiles } from '../../src/csv.ts';

/** `exportCsvPackage`'s map of file names → the importer's input. */
export function filesOf(map: Map<string, string>): CsvPackageFiles {
  return {
    establishments: map.get('establishments.csv'),
    flows: map.get('flows.csv'),
    resources: map.get('resources.csv'),
    capabilities: map.get('capabilities.csv'),
    datapackage: map.get('datapackage.json'),
  };
}
