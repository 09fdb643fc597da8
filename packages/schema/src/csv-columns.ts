/**
 * The CSV data package: the spreadsheet form of the Toile format. One file per record list with
 * fixed column names; each column maps to a property path of the record. The templates and the
 * Frictionless `datapackage.json` in `templates/` are generated from these tables.
 */

/** How a cell is read and written. `list` cells hold several values separated by `|`. */
export type CsvCellType = 'string' | 'integer' | 'number' | 'boolean' | 'list';

/** One column of a CSV table. */
export interface CsvColumn {
  /** Column name, as written in the header. */
  readonly name: string;
  /** Property path in the record (`['location', 'lat']`). */
  readonly path: readonly string[];
  readonly type: CsvCellType;
  /** The record cannot exist without it. */
  readonly required?: boolean;
  /**
   * Digits whose leading zeros matter (postcode, INSEE code, SIRET): a spreadsheet must keep them
   * as text. The Excel-fr export writes them in a form Excel keeps as text.
   */
  readonly text?: boolean;
  /** Id of a record of another table (foreign key). */
  readonly references?: { readonly table: CsvTableName; readonly column: 'id' };
  /**
   * Free text written by people (names, labels, addresses, descriptions): values rarely repeat.
   * Every other text column holds ids, codes or words of a vocabulary, which repeat.
   */
  readonly freeText?: boolean;
  readonly description: { readonly fr: string; readonly en: string };
}

/**
 * The tables of a CSV package. `capabilities` holds the establishments' capabilities, one row each
 * with its establishment's id (in a document they sit in `establishments[].capabilities`).
 */
export type CsvTableName = 'establishments' | 'flows' | 'resources' | 'capabilities';

const col = (
  name: string,
  path: string[],
  type: CsvCellType,
  fr: string,
  en: string,
  extra: Partial<Pick<CsvColumn, 'required' | 'references' | 'text' | 'freeText'>> = {},
): CsvColumn => ({ name, path, type, description: { fr, en }, ...extra });

/** Columns of each table, in file order. */
/** Every record's publication level (one reading for all tables). */
const CONFIDENTIALITY = col(
  'confidentiality',
  ['confidentiality'],
  'string',
  'public, partners ou confidential (vide : public)',
  'public, partners or confidential (empty: public)',
);
/** A row's link to its establishment. */
const ESTABLISHMENT_LINK = col('establishment', ['establishment'], 'string', 'Établissement (id)', 'Establishment (id)', {
  required: true,
  references: { table: 'establishments', column: 'id' },
});

export const CSV_TABLES: Readonly<Record<CsvTableName, readonly CsvColumn[]>> = {
  establishments: [
    col('id', ['id'], 'string', 'Identifiant unique de l’établissement', 'Unique id of the establishment', { required: true }),
    col('name', ['name'], 'string', 'Nom', 'Name', { required: true, freeText: true }),
    col('siret', ['siret'], 'string', 'SIRET (14 chiffres)', 'SIRET (14 digits)', { text: true }),
    col('naf', ['naf'], 'string', 'Code NAF rév. 2 (24.10Z)', 'NAF rev. 2 code (24.10Z)'),
    col('employees', ['employees'], 'integer', 'Effectif salarié', 'Number of employees'),
    col('lat', ['location', 'lat'], 'number', 'Latitude (WGS 84)', 'Latitude (WGS 84)'),
    col('lon', ['location', 'lon'], 'number', 'Longitude (WGS 84)', 'Longitude (WGS 84)'),
    col('address', ['location', 'address'], 'string', 'Adresse', 'Street address', { freeText: true }),
    col('postcode', ['location', 'postcode'], 'string', 'Code postal', 'Postcode', { text: true }),
    col('city', ['location', 'city'], 'string', 'Commune', 'City', { freeText: true }),
    col('insee', ['location', 'insee'], 'string', 'Code INSEE de la commune', 'INSEE code of the commune', { text: true }),
    col('external', ['external'], 'boolean', 'Hors territoire (oui/non)', 'Outside the territory (true/false)'),
    col('sectors', ['sectors'], 'list', 'Filières, séparées par |', 'Sectors, separated by |'),
    col('ess', ['ess'], 'boolean', 'Économie sociale et solidaire (oui/non)', 'Social and solidarity economy (true/false)'),
    col('website', ['website'], 'string', 'Site web', 'Web site', { freeText: true }),
    col('description', ['description'], 'string', 'Description', 'Description', { freeText: true }),
    col('status', ['status'], 'string', 'active, closed ou planned', 'active, closed or planned'),
    CONFIDENTIALITY,
  ],
  flows: [
    col('id', ['id'], 'string', 'Identifiant unique du flux', 'Unique id of the flow', { required: true }),
    col('from', ['from'], 'string', 'Établissement qui fournit (id)', 'Giving establishment (id)', {
      required: true,
      references: { table: 'establishments', column: 'id' },
    }),
    col('to', ['to'], 'string', 'Établissement qui reçoit (id)', 'Receiving establishment (id)', {
      required: true,
      references: { table: 'establishments', column: 'id' },
    }),
    col('kind', ['kind'], 'string', 'Type de flux (supply, byproduct, energy…)', 'Flow kind (supply, byproduct, energy…)', { required: true }),
    col('label', ['item', 'label'], 'string', 'Ce qui est échangé', 'What is exchanged', { freeText: true }),
    col('code', ['item', 'code'], 'string', 'Code (ewc:100202, cpa:24.10…)', 'Code (ewc:100202, cpa:24.10…)'),
    col('family', ['item', 'family'], 'string', 'Famille de matière', 'Material family'),
    col('quantity', ['quantity', 'value'], 'number', 'Quantité', 'Quantity'),
    col('unit', ['quantity', 'unit'], 'string', 'Unité (t/yr, MWh/yr…)', 'Unit (t/yr, MWh/yr…)'),
    col('value_eur', ['valueEur'], 'number', 'Valeur annuelle en euros', 'Yearly value in euros'),
    col(
      'upstream',
      ['dependency', 'upstream'],
      'number',
      'Part de l’activité du receveur qui en dépend (0–1)',
      'Share of the receiver’s activity depending on it (0–1)',
    ),
    col(
      'downstream',
      ['dependency', 'downstream'],
      'number',
      'Part de l’activité du fournisseur portée par ce flux (0–1)',
      'Share of the giver’s activity carried by it (0–1)',
    ),
    col('status', ['status'], 'string', 'active, potential, planned ou ended', 'active, potential, planned or ended'),
    CONFIDENTIALITY,
    col('source', ['source'], 'string', 'Source (id de meta.sources)', 'Source (id in meta.sources)'),
    col('validated', ['validated'], 'boolean', 'Validé en atelier (oui/non)', 'Validated in a workshop (true/false)'),
    col('since', ['since'], 'string', 'Depuis (2019, 2019-05…)', 'Since (2019, 2019-05…)'),
  ],
  resources: [
    col('id', ['id'], 'string', 'Identifiant unique de la ressource', 'Unique id of the resource', { required: true }),
    ESTABLISHMENT_LINK,
    col('direction', ['direction'], 'string', 'offer (offre) ou need (besoin)', 'offer or need', { required: true }),
    col('kind', ['kind'], 'string', 'Type (byproduct, energy, pooling…)', 'Kind (byproduct, energy, pooling…)', { required: true }),
    col('label', ['item', 'label'], 'string', 'Ce qui est offert ou cherché', 'What is offered or needed', { freeText: true }),
    col('code', ['item', 'code'], 'string', 'Code (ewc:100202…)', 'Code (ewc:100202…)'),
    col('family', ['item', 'family'], 'string', 'Famille de matière', 'Material family'),
    col('quantity', ['quantity', 'value'], 'number', 'Quantité', 'Quantity'),
    col('unit', ['quantity', 'unit'], 'string', 'Unité', 'Unit'),
    col('availability', ['availability'], 'string', 'Disponibilité (continuous, seasonal…)', 'Availability (continuous, seasonal…)', { freeText: true }),
    CONFIDENTIALITY,
  ],
  capabilities: [
    // `establishment` is the row's link to its establishment, not a property of the capability.
    ESTABLISHMENT_LINK,
    col('id', ['id'], 'string', 'Identifiant unique de la capacité', 'Unique id of the capability', { required: true }),
    col('label', ['label'], 'string', 'Ce que l’établissement sait faire', 'What the establishment can do', { freeText: true }),
    col(
      'process',
      ['process'],
      'string',
      'Procédé (din8580:3.2, din8580:4.6, assembly, testing:ndt…)',
      'Process (din8580:3.2, din8580:4.6, assembly, testing:ndt…)',
      { required: true },
    ),
    col('products', ['products'], 'list', 'Produits, codes séparés par | (cpa:25.62|hs:7308)', 'Products, codes separated by | (cpa:25.62|hs:7308)'),
    col('capacity_value', ['capacity', 'value'], 'number', 'Capacité', 'Capacity'),
    col('capacity_unit', ['capacity', 'unit'], 'string', 'Unité de la capacité (t/yr, h/yr, unit/yr…)', 'Unit of the capacity (t/yr, h/yr, unit/yr…)'),
    col('spare_share', ['spare', 'share'], 'number', 'Part de la capacité disponible pour d’autres (0–1)', 'Share of the capacity available to others (0–1)'),
    col('spare_from', ['spare', 'from'], 'string', 'Disponible à partir du (AAAA-MM-JJ)', 'Available from (YYYY-MM-DD)'),
    col('spare_to', ['spare', 'to'], 'string', 'Disponible jusqu’au (AAAA-MM-JJ)', 'Available until (YYYY-MM-DD)'),
    col('certifications', ['certifications'], 'list', 'Certifications, séparées par | (ISO 9001|EN 9100)', 'Certifications, separated by | (ISO 9001|EN 9100)'),
    CONFIDENTIALITY,
  ],
};

/** Table names in the order they are read (establishments first: the others refer to them). */
export const CSV_TABLE_NAMES: readonly CsvTableName[] = ['establishments', 'flows', 'resources', 'capabilities'];

const FRICTIONLESS_TYPE: Record<CsvCellType, string> = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
  list: 'string',
};

/** A Frictionless Data Package descriptor (`datapackage.json`) for a CSV package. */
export function buildDataPackage(options: {
  name: string;
  title?: string;
  toile?: { territory: unknown; meta: unknown };
  tables?: readonly CsvTableName[];
}): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: options.name,
    ...(options.title ? { title: options.title } : {}),
    resources: (options.tables ?? CSV_TABLE_NAMES).map((table) => {
      const columns = CSV_TABLES[table];
      const foreignKeys = columns
        .filter((c) => c.references)
        .map((c) => ({ fields: c.name, reference: { resource: c.references!.table, fields: c.references!.column } }));
      return {
        name: table,
        path: `${table}.csv`,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        schema: {
          fields: columns.map((c) => ({
            name: c.name,
            type: FRICTIONLESS_TYPE[c.type],
            description: c.description.en,
            ...(c.required ? { constraints: { required: true } } : {}),
          })),
          primaryKey: 'id',
          ...(foreignKeys.length ? { foreignKeys } : {}),
        },
      };
    }),
    // Toile's own part: the territory and metadata that have no table.
    ...(options.toile ? { toile: options.toile } : {}),
  };
}
