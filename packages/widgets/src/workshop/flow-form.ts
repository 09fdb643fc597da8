/**
 * The measured fields of a flow as the workshop edits them — quantity and unit, value, the two
 * dependency shares — read from a form, checked (shares in 0–1, numbers ≥ 0, a unit with a quantity)
 * and written back into a flow. Numbers take a decimal comma or point.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { UNITS, type Flow } from '@toile/schema';
import type { Message, WidgetLang } from '../base/i18n.ts';
import { T } from './workshop.strings.ts';

/** The fields' names in the form. */
export type MeasureField = 'value' | 'unit' | 'valueEur' | 'upstream' | 'downstream';
/** A field's problem, by field (the add form's `partner` too). */
export type FieldErrors = Partial<Record<MeasureField | 'partner', Message>>;
/** The form's text, by field name. */
export type FormText = Readonly<Record<string, string>>;

/** What a form says of a flow's measures: each absent when left empty. */
export interface Measures {
  quantity?: NonNullable<Flow['quantity']>;
  valueEur?: number;
  dependency?: NonNullable<Flow['dependency']>;
}

/** The text of every field of a form. */
export function formText(form: HTMLFormElement): FormText {
  const out: Record<string, string> = {};
  new FormData(form).forEach((v, k) => {
    if (typeof v === 'string') out[k] = v.trim();
  });
  return out;
}

/** A number typed with a comma or a point; NaN when it is not one, undefined when empty. */
function numberOf(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const n = Number(text.replace(/\s/g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : Number.NaN;
}

/** Reads and checks the measured fields. */
export function readMeasures(text: FormText): { measures: Measures; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const measures: Measures = {};
  const value = numberOf(text['value']);
  const unit = text['unit'] || undefined;
  if (value !== undefined && !(value >= 0)) errors.value = T.positive;
  else if (value !== undefined && !unit) errors.unit = T.unitNeeded;
  else if (value === undefined && unit) errors.value = T.valueNeeded;
  else if (value !== undefined && unit) measures.quantity = { value, unit: unit as NonNullable<Flow['quantity']>['unit'] };
  const eur = numberOf(text['valueEur']);
  if (eur !== undefined && !(eur >= 0)) errors.valueEur = T.positive;
  else if (eur !== undefined) measures.valueEur = eur;
  const dependency: NonNullable<Flow['dependency']> = {};
  for (const side of ['upstream', 'downstream'] as const) {
    const share = numberOf(text[side]);
    if (share !== undefined && !(share >= 0 && share <= 1)) errors[side] = T.share;
    else if (share !== undefined) dependency[side] = share;
  }
  if (Object.keys(dependency).length) measures.dependency = dependency;
  return { measures, errors };
}

/** A flow with the measures of the form in place of its own (a field emptied is removed). */
export function withMeasures(flow: Flow, m: Measures): Flow {
  const { quantity: _q, valueEur: _v, dependency: _d, ...rest } = flow;
  return { ...rest, ...m };
}

/** A number as the form shows it: with a decimal comma in French. */
function shown(n: number | undefined, lang: WidgetLang): string {
  if (n === undefined) return '';
  return lang === 'fr' ? String(n).replace('.', ',') : String(n);
}

function textInput(prefix: string, name: MeasureField, label: string, value: string, errors: FieldErrors, lang: WidgetLang): TemplateResult {
  const id = `${prefix}-${name}`;
  const error = errors[name];
  return html`<label class="field" for=${id}
    >${label}
    <input
      id=${id}
      name=${name}
      type="text"
      inputmode="decimal"
      autocomplete="off"
      .value=${value}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error ? `${id}-error` : nothing}
    />
    ${error ? html`<span id=${`${id}-error`} class="field-error">${error[lang]}</span>` : nothing}
  </label>`;
}

/** The measured fields, filled with a flow's values (or empty for a new flow). */
export function measureFields(prefix: string, flow: Partial<Flow> | undefined, errors: FieldErrors, lang: WidgetLang): TemplateResult {
  const unit = flow?.quantity?.unit ?? '';
  const unitId = `${prefix}-unit`;
  const unitError = errors.unit;
  return html`<div class="measures">
    ${textInput(prefix, 'value', T.quantity[lang], shown(flow?.quantity?.value, lang), errors, lang)}
    <label class="field" for=${unitId}
      >${T.unit[lang]}
      <select id=${unitId} name="unit" aria-invalid=${unitError ? 'true' : 'false'} aria-describedby=${unitError ? `${unitId}-error` : nothing}>
        <option value="" ?selected=${!unit}>${T.noUnit[lang]}</option>
        ${UNITS.map((u) => html`<option value=${u.id} ?selected=${u.id === unit}>${u.symbol[lang]} — ${u.label[lang]}</option>`)}
      </select>
      ${unitError ? html`<span id=${`${unitId}-error`} class="field-error">${unitError[lang]}</span>` : nothing}
    </label>
    ${textInput(prefix, 'valueEur', T.value[lang], shown(flow?.valueEur, lang), errors, lang)}
    ${textInput(prefix, 'upstream', T.upstream[lang], shown(flow?.dependency?.upstream, lang), errors, lang)}
    ${textInput(prefix, 'downstream', T.downstream[lang], shown(flow?.dependency?.downstream, lang), errors, lang)}
  </div>`;
}
