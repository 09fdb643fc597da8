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

/** A small Excel-fr package whose capabilities.csv is broken in every way a capability can be (cells, levels, links, repeats). */
export const BROKEN_CAPABILITIES: CsvPackageFiles = {
  establishments: 'id;name\r\na;Alpha\r\nb;Beta\r\nc;Gamma\r\n',
  flows: 'id;from;to;kind\r\n',
  capabilities: [
    'establishment;id;label;process;products;capacity_value;capacity_unit;spare_share;spare_from;spare_to;certifications;confidentiality',
    'a;c1;Tournage;din8580:3.2;cpa:25.62|acier|hs:7308;beaucoup;h/yr;0,2;2026-01-01;2025-12-31;ISO 9001;partenaires',
    'ghost;c2;Soudage;din8580:4.6;;;;;;;;',
    'b;c3;Usinage;usinage;;;;;;;;',
    'b;c4;Peinture;din8580:5.1;;100;furlong;1,5;2026-02-30;;;privé',
    'c;c1;Doublon;assembly;;;;;;;;',
  ].join('\r\n'),
};
