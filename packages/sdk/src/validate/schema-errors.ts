/**
 * Structural problems: the errors of the full JSON Schema validator turned into problems in French
 * and English, and the cuts that keep the valid part (the deepest optional value or independent list
 * item around each error).
 */
import type { ErrorObject } from '@toile/schema';
import jsonSchema from '@toile/schema/toile.schema.json' with { type: 'json' };
import localizeFr from 'ajv-i18n/localize/fr/index.js';
import localizeEn from 'ajv-i18n/localize/en/index.js';
import { parsePointer, toPointer } from '../util/pointer.ts';
import { semanticMessage, type MessageParams, type SemanticCode } from './messages.ts';
import type { Problem, Severity } from './validate.ts';
import { removeFromWork, valueAt, type ProblemList, type WorkingCopy } from './working-copy.ts';
import { capabilitySchemaCode } from './capabilities.ts';

/** Arrays whose elements can be removed one by one without changing the meaning of the rest. */
const REMOVABLE_ITEM_ARRAYS = new Set([
  'establishments',
  'flows',
  'resources',
  'sectors',
  'sources',
  'communes',
  'scenarios',
  'capabilities',
  'products',
  'certifications',
]);

interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  required?: string[];
}
const DEFS = (jsonSchema as unknown as { $defs: Record<string, SchemaNode> }).$defs;

function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  let n = node;
  for (let guard = 0; n?.$ref && guard < 16; guard++) n = DEFS[n.$ref.slice('#/$defs/'.length)];
  return n;
}

/**
 * Where to cut for a schema error at `tokens`: the deepest value whose removal leaves its parent
 * valid — an optional property, or an element of a list of independent items. Returns the tokens of
 * that value, or null when nothing can be cut (the document itself is broken there).
 */
function removalTarget(tokens: string[]): string[] | null {
  const nodes: (SchemaNode | undefined)[] = [deref(DEFS.ToileDocument)];
  for (let i = 0; i < tokens.length; i++) {
    const parent = nodes[i];
    const token = tokens[i] as string;
    nodes.push(deref(/^[0-9]+$/.test(token) && parent?.items ? parent.items : parent?.properties?.[token]));
  }
  for (let i = tokens.length - 1; i >= 0; i--) {
    const parent = nodes[i];
    const token = tokens[i] as string;
    if (!parent) continue;
    if (/^[0-9]+$/.test(token) && parent.items) {
      if (REMOVABLE_ITEM_ARRAYS.has(tokens[i - 1] ?? '')) return tokens.slice(0, i + 1);
    } else if (!(parent.required ?? []).includes(token)) {
      return tokens.slice(0, i + 1);
    }
  }
  return null;
}

/** Orders paths so that cutting one never shifts another: deeper and later elements first. */
function compareForRemoval(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) continue;
    const nx = Number(x);
    const ny = Number(y);
    if (Number.isInteger(nx) && Number.isInteger(ny)) return ny - nx;
    return x < y ? 1 : -1;
  }
  return b.length - a.length;
}

/**
 * The hint for a code a spreadsheet mangles (it drops leading zeros and writes long numbers in
 * scientific notation), from the pointer of a value that failed its pattern.
 */
function spreadsheetCode(tokens: readonly string[]): SemanticCode | undefined {
  if (tokens[0] !== 'establishments') return undefined;
  if (tokens.length === 3 && tokens[2] === 'siret') return 'siret-format';
  if (tokens.length === 4 && tokens[2] === 'location' && tokens[3] === 'insee') return 'insee-format';
  return undefined;
}

export function applySchemaErrors(work: WorkingCopy, errors: readonly ErrorObject[], problems: ProblemList): void {
  // Messages in both languages for the errors that will be listed: ajv-i18n rewrites `message`
  // in place, so translate to French, keep the texts, then to English.
  const listed = errors.slice(0, problems.room);
  localizeFr(listed as never);
  const fr = listed.map((e) => e.message ?? '');
  localizeEn(listed as never);
  const cuts: { tokens: string[]; problem: Problem }[] = [];
  errors.forEach((error, n) => {
    let tokens = parsePointer(error.instancePath);
    let code = `schema-${error.keyword}`;
    let severity: Severity = 'error';
    const params: MessageParams = {};
    for (const [k, v] of Object.entries(error.params)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') params[k] = v;
      else if (Array.isArray(v)) params[k] = v.join(', ');
    }
    let message = { fr: fr[n] ?? error.message ?? '', en: error.message ?? '' };
    if (error.keyword === 'additionalProperties') {
      const property = String(error.params.additionalProperty);
      tokens = [...tokens, property];
      code = 'unknown-property';
      severity = 'warning';
      message = semanticMessage('unknown-property', { property });
    } else if (error.keyword === 'required') {
      const missing = String(error.params.missingProperty);
      message = { fr: `${message.fr} (« ${missing} »)`, en: `${message.en} ("${missing}")` };
    } else if (capabilitySchemaCode(tokens, error.keyword)) {
      code = capabilitySchemaCode(tokens, error.keyword) as SemanticCode;
      params.value = String(valueAt(work, tokens));
      message = semanticMessage(code as SemanticCode, params);
    } else if (error.keyword === 'pattern' && spreadsheetCode(tokens)) {
      const hint = spreadsheetCode(tokens) as SemanticCode;
      code = hint;
      params.value = String(valueAt(work, tokens));
      message = semanticMessage(hint, params);
    } else if (error.keyword === 'enum' && Array.isArray(error.params.allowedValues)) {
      const allowed = error.params.allowedValues.join(', ');
      message = { fr: `${message.fr} : ${allowed}`, en: `${message.en}: ${allowed}` };
    }
    const problem: Problem = { pointer: toPointer(tokens), severity, code, message, params, action: 'kept' };
    const target = removalTarget(tokens);
    if (target) cuts.push({ tokens: target, problem });
    else work.documentBroken = true;
    problems.add(problem);
  });
  cuts.sort((a, b) => compareForRemoval(a.tokens, b.tokens));
  for (const cut of cuts) cut.problem.action = removeFromWork(work, cut.tokens);
}
