/**
 * Messages of the semantic checks, in French and English. Schema (structural) messages come from
 * ajv-i18n; these cover what the schema cannot express.
 */

/** Parameters a message may mention. */
export type MessageParams = Record<string, string | number | boolean | undefined>;

type Template = (p: MessageParams) => string;

const T = (fr: Template, en: Template) => ({ fr, en });

/** Machine codes of the semantic checks, with their messages. */
export const SEMANTIC_MESSAGES = {
  'duplicate-id': T(
    (p) => `identifiant « ${p.id} » déjà utilisé en ${p.first} ; cet enregistrement est ignoré`,
    (p) => `id "${p.id}" is already used at ${p.first}; this record is ignored`,
  ),
  'unknown-establishment': T(
    (p) => `l’établissement « ${p.id} » n’existe pas (ou a été écarté car invalide)`,
    (p) => `establishment "${p.id}" does not exist (or was set aside as invalid)`,
  ),
  'self-loop': T(
    (p) => `le flux va de « ${p.id} » vers lui-même`,
    (p) => `the flow goes from "${p.id}" to itself`,
  ),
  'invalid-siret': T(
    (p) => `SIRET « ${p.value} » invalide (somme de contrôle) ; la valeur est ignorée`,
    (p) => `SIRET "${p.value}" fails its checksum; the value is ignored`,
  ),
  'duplicate-siret': T(
    (p) => `SIRET « ${p.value} » déjà porté par « ${p.other} »`,
    (p) => `SIRET "${p.value}" is also used by "${p.other}"`,
  ),
  'unknown-naf': T(
    (p) => `code NAF « ${p.value} » inconnu de la NAF rév. 2 ; la valeur est ignorée`,
    (p) => `NAF code "${p.value}" is not a NAF rev. 2 sub-class; the value is ignored`,
  ),
  'unknown-ewc': T(
    (p) => `code déchet « ${p.value} » absent de la liste européenne des déchets ; le code est ignoré`,
    (p) => `waste code "${p.value}" is not in the European List of Waste; the code is ignored`,
  ),
  'ewc-family-mismatch': T(
    (p) => `la famille « ${p.family} » ne correspond pas au code ${p.code} (famille « ${p.expected} »)`,
    (p) => `family "${p.family}" does not match code ${p.code} (family "${p.expected}")`,
  ),
  'unit-kind-mismatch': T(
    (p) => `l’unité « ${p.unit} » (${p.dimension}) est inhabituelle pour un flux de type « ${p.kind} »`,
    (p) => `unit "${p.unit}" (${p.dimension}) is unusual for a "${p.kind}" flow`,
  ),
  'upstream-sum': T(
    (p) => `les parts amont des flux reçus par « ${p.id} » totalisent ${p.sum} (> 1)`,
    (p) => `the upstream shares of the flows received by "${p.id}" add up to ${p.sum} (> 1)`,
  ),
  'unknown-source': T(
    (p) => `la source « ${p.id} » n’est pas déclarée dans meta.sources`,
    (p) => `source "${p.id}" is not declared in meta.sources`,
  ),
  'unsafe-url': T(
    () => `le site web n’est pas une adresse http(s) : il est gardé comme texte et ne sera pas affiché en lien`,
    () => `the website is not an http(s) address: it is kept as text and will never be shown as a link`,
  ),
  'external-flow': T(
    () => `le flux relie deux établissements extérieurs au territoire`,
    () => `the flow links two establishments that are both outside the territory`,
  ),
  'closed-establishment': T(
    (p) => `flux actif avec l’établissement fermé « ${p.id} »`,
    (p) => `active flow with closed establishment "${p.id}"`,
  ),
  'incomplete-coordinates': T(
    () => `latitude et longitude vont ensemble : l’une manque`,
    () => `latitude and longitude go together: one is missing`,
  ),
  'unknown-property': T(
    (p) => `propriété inconnue « ${p.property} » ignorée`,
    (p) => `unknown property "${p.property}" ignored`,
  ),
  'invalid-json': T(
    (p) => `JSON mal formé ligne ${p.line}, colonne ${p.column} : ${p.reason}`,
    (p) => `malformed JSON at line ${p.line}, column ${p.column}: ${p.reasonEn}`,
  ),
  'not-an-object': T(
    () => `un document Toile doit être un objet JSON`,
    () => `a Toile document must be a JSON object`,
  ),
  'csv-missing-column': T(
    (p) => `colonne obligatoire « ${p.column} » absente : la table ${p.table} est ignorée`,
    (p) => `required column "${p.column}" is missing: table ${p.table} is skipped`,
  ),
  'csv-unknown-column': T(
    (p) => `colonne inconnue « ${p.column} » ignorée`,
    (p) => `unknown column "${p.column}" ignored`,
  ),
  'csv-duplicate-column': T(
    (p) => `colonne « ${p.column} » en double : seule la première est lue`,
    (p) => `column "${p.column}" appears twice: only the first is read`,
  ),
  'csv-invalid-number': T(
    (p) => `« ${p.value} » n’est pas un nombre ; la cellule est ignorée`,
    (p) => `"${p.value}" is not a number; the cell is ignored`,
  ),
  'csv-invalid-integer': T(
    (p) => `« ${p.value} » n’est pas un nombre entier ; la cellule est ignorée`,
    (p) => `"${p.value}" is not a whole number; the cell is ignored`,
  ),
  'csv-invalid-boolean': T(
    (p) => `« ${p.value} » n’est pas oui/non (true/false) ; la cellule est ignorée`,
    (p) => `"${p.value}" is not true/false (oui/non); the cell is ignored`,
  ),
  'csv-ragged-row': T(
    (p) => `la ligne a ${p.found} cellules pour ${p.expected} colonnes`,
    (p) => `the row has ${p.found} cells for ${p.expected} columns`,
  ),
  'csv-line-too-long': T(
    (p) => `une ligne de plus de ${p.max} caractères suit la ligne ${p.after} : ce n’est pas une ligne de tableau, le fichier n’est pas lu au-delà`,
    (p) => `a line longer than ${p.max} characters follows row ${p.after}: no table row is that long, the file is not read further`,
  ),
  'csv-syntax': T(
    (p) => `CSV mal formé : ${p.reason}`,
    (p) => `malformed CSV: ${p.reasonEn}`,
  ),
  'csv-missing-file': T(
    (p) => `fichier ${p.file} absent du paquet`,
    (p) => `file ${p.file} is missing from the package`,
  ),
  'parquet-unreadable': T(
    (p) => `${p.file} n’est pas un fichier Parquet lisible (${p.reason}) : le fichier n’est pas lu`,
    (p) => `${p.file} is not a readable Parquet file (${p.reason}): the file is not read`,
  ),
  'parquet-column-type': T(
    (p) => `colonne « ${p.column} » de type ${p.found}, ${p.expected} attendu : la colonne est ignorée`,
    (p) => `column "${p.column}" has type ${p.found}, ${p.expected} expected: the column is ignored`,
  ),
  'parquet-metadata': T(
    (p) => `${p.file} illisible (${p.reason}) : territoire et métadonnées par défaut`,
    (p) => `${p.file} cannot be read (${p.reason}): default territory and metadata`,
  ),
  'file-too-large': T(
    (p) =>
      `${p.file} fait ${p.sizeMb} Mo, au-delà de la limite de ${p.limitMb} Mo${p.heapMb ? ` (1/20 de la mémoire de Node, ${p.heapMb} Mo)` : ''} : le fichier n’est pas lu (découpez-le, ${p.heapMb ? 'donnez plus de mémoire à Node avec NODE_OPTIONS=--max-old-space-size=8192, ' : ''}ou relevez la limite avec l’option maxFileBytes${p.maxMb ? `, jusqu’à ${p.maxMb} Mo` : ''})`,
    (p) =>
      `${p.file} is ${p.sizeMb} MB, above the ${p.limitMb} MB limit${p.heapMb ? ` (1/20 of Node's memory, ${p.heapMb} MB)` : ''}: the file is not read (split it, ${p.heapMb ? 'give Node more memory with NODE_OPTIONS=--max-old-space-size=8192, ' : ''}or raise the limit with the maxFileBytes option${p.maxMb ? `, up to ${p.maxMb} MB` : ''})`,
  ),
  'file-outside-package': T(
    (p) => `${p.file} mène hors du dossier du paquet (${p.reason}) : le fichier n’est pas lu`,
    (p) => `${p.file} leads outside the package folder (${p.reasonEn}): the file is not read`,
  ),
  'duplicate-key': T(
    (p) => `clé « ${p.key} » écrite ${p.count} fois dans le même objet (ligne ${p.line}, colonne ${p.column}) : seule la dernière valeur est gardée`,
    (p) => `key "${p.key}" is written ${p.count} times in the same object (line ${p.line}, column ${p.column}): only the last value is kept`,
  ),
  'duplicate-confidentiality': T(
    (p) => `niveau de confidentialité écrit ${p.count} fois (ligne ${p.line}, colonne ${p.column}) : le plus strict est gardé (« ${p.kept} »)`,
    (p) => `confidentiality is written ${p.count} times (line ${p.line}, column ${p.column}): the strictest is kept ("${p.kept}")`,
  ),
  'confidentiality-alias': T(
    (p) => `niveau de confidentialité « ${p.value} » lu comme « ${p.level} »`,
    (p) => `confidentiality "${p.value}" read as "${p.level}"`,
  ),
  'unknown-confidentiality': T(
    (p) =>
      `niveau de confidentialité « ${p.value} » inconnu (public, partners, confidential ; ou public, partenaires, confidentiel) : l’enregistrement est traité comme confidentiel`,
    (p) =>
      `unknown confidentiality "${p.value}" (public, partners, confidential; or French public, partenaires, confidentiel): the record is treated as confidential`,
  ),
  'too-deep': T(
    (p) => `imbrication trop profonde (plus de ${p.max} niveaux) : la valeur est ignorée`,
    (p) => `nesting too deep (more than ${p.max} levels): the value is ignored`,
  ),
  'postcode-length': T(
    (p) => `code postal français « ${p.value} » de ${p.length} caractères au lieu de 5 (un tableur a-t-il retiré le zéro initial ? gardez la colonne en texte)`,
    (p) => `French postcode "${p.value}" has ${p.length} characters instead of 5 (did a spreadsheet drop a leading zero? keep the column as text)`,
  ),
  'insee-format': T(
    (p) =>
      `code INSEE « ${p.value} » invalide : 5 caractères attendus (un tableur a-t-il retiré le zéro initial ? gardez la colonne en texte) ; la valeur est ignorée`,
    (p) => `INSEE code "${p.value}" is invalid: 5 characters expected (did a spreadsheet drop a leading zero? keep the column as text); the value is ignored`,
  ),
  'siret-format': T(
    (p) =>
      `SIRET « ${p.value} » : 14 chiffres attendus (un tableur a-t-il retiré un zéro initial ou écrit le nombre en notation scientifique ? gardez la colonne en texte) ; la valeur est ignorée`,
    (p) =>
      `SIRET "${p.value}": 14 digits expected (did a spreadsheet drop a leading zero or write the number in scientific notation? keep the column as text); the value is ignored`,
  ),
  'unknown-process': T(
    (p) =>
      `procédé « ${p.value} » absent du vocabulaire des procédés (din8580:3.2, din8580:4.6, assembly, testing:ndt… : vocab/processes.json) ; la capacité est ignorée`,
    (p) =>
      `process "${p.value}" is not in the process vocabulary (din8580:3.2, din8580:4.6, assembly, testing:ndt…: vocab/processes.json); the capability is ignored`,
  ),
  'invalid-product-code': T(
    (p) => `code produit « ${p.value} » mal formé (attendu comme pour les flux : cpa:25.62, hs:7308, naf:25.62A…) ; le code est ignoré`,
    (p) => `product code "${p.value}" is malformed (expected as for flows: cpa:25.62, hs:7308, naf:25.62A…); the code is ignored`,
  ),
  'unknown-capacity-unit': T(
    (p) => `unité « ${p.value} » inconnue (t/yr, h/yr, unit/yr… : vocab/units.json) ; la capacité est ignorée`,
    (p) => `unknown unit "${p.value}" (t/yr, h/yr, unit/yr…: vocab/units.json); the capacity is ignored`,
  ),
  'spare-share-range': T(
    (p) => `part disponible « ${p.value} » hors de 0–1 (une part de la capacité : 0,25 pour un quart) ; la capacité disponible est ignorée`,
    (p) => `spare share "${p.value}" is not in 0–1 (a share of the capacity: 0.25 for a quarter); the spare capacity is ignored`,
  ),
  'invalid-date': T(
    (p) => `date « ${p.value} » invalide : une date du calendrier AAAA-MM-JJ est attendue ; la valeur est ignorée`,
    (p) => `date "${p.value}" is invalid: a calendar date YYYY-MM-DD is expected; the value is ignored`,
  ),
  'spare-period-reversed': T(
    (p) => `la disponibilité commence le ${p.from}, après sa fin le ${p.to} : la période est ignorée, la part disponible est gardée`,
    (p) => `the spare capacity starts on ${p.from}, after it ends on ${p.to}: the period is ignored, the share is kept`,
  ),
  'too-many-problems': T(
    (p) => `${p.count} autres problèmes non listés`,
    (p) => `${p.count} more problems not listed`,
  ),
} as const;

/** A semantic problem code. */
export type SemanticCode = keyof typeof SEMANTIC_MESSAGES;

/** Both languages of a semantic message. */
export function semanticMessage(code: SemanticCode, params: MessageParams): { fr: string; en: string } {
  const t = SEMANTIC_MESSAGES[code];
  return { fr: t.fr(params), en: t.en(params) };
}
