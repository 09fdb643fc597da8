/**
 * The form's fields, as small templates: a labelled text input, a select, the confidentiality select
 * with the meaning of the chosen level, a quantity with its unit. Every field with a problem is
 * `aria-invalid` and described by its message (`<id>-error`), which the error summary links to.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Confidentiality } from '@toile/schema';
import { UNITS } from '@toile/schema';
import type { Message, WidgetLang } from '../base/i18n.ts';
import type { SearchCombobox } from '../synergy-finder/combobox.ts';
import type { MaterialOption } from '../synergy-finder/materials.ts';
import { LEVEL_IDS, type Draft, type ItemDraft } from './model.ts';
import type { LocationTools } from './location.ts';
import type { TerritorySearch } from './territory-search.ts';
import type { NafOption } from './vocab.ts';
import { LEVELS, T } from './declaration-form.strings.ts';

/** What the section templates need from the form. */
export interface FormContext {
  readonly lang: WidgetLang;
  readonly draft: Draft;
  /** Problems by field id. */
  readonly errors: ReadonlyMap<string, Message>;
  /** Changes the draft (saved at once); `field`: the field edited, whose problem is then cleared. */
  edit(change: (draft: Draft) => void, field?: string): void;
  readonly search: TerritorySearch;
  readonly naf: SearchCombobox<NafOption>;
  /** The material field of an item (made on first use). */
  material(key: string): SearchCombobox<MaterialOption>;
  readonly location: LocationTools;
  /** Says something in the form's live region. */
  announce(message: Message): void;
  /** Moves the focus to a field once the form has rendered. */
  focusLater(id: string): void;
}

/** The problem of a field, as the paragraph its control is described by. */
export function fieldError(ctx: FormContext, id: string): TemplateResult | typeof nothing {
  const problem = ctx.errors.get(id);
  return problem ? html`<p class="error" id=${`${id}-error`} part="field-error">${problem[ctx.lang]}</p>` : nothing;
}

/** `aria-describedby` of a control: its hints, then its problem. */
export function describedBy(ctx: FormContext, id: string, ...hints: (string | undefined)[]): string | typeof nothing {
  const ids = [...hints.filter(Boolean), ctx.errors.has(id) ? `${id}-error` : undefined].filter(Boolean);
  return ids.length ? ids.join(' ') : nothing;
}

const invalid = (ctx: FormContext, id: string) => (ctx.errors.has(id) ? 'true' : nothing);

/** Options of a text field. */
export interface TextFieldOptions {
  readonly id: string;
  readonly label: Message;
  readonly value: string;
  readonly set: (value: string) => void;
  readonly required?: boolean;
  readonly hint?: Message;
  readonly maxlength?: number;
  readonly inputmode?: 'decimal' | 'numeric' | 'text';
  readonly autocomplete?: string;
  readonly wide?: boolean;
}

/** A labelled text input. */
export function textField(ctx: FormContext, o: TextFieldOptions): TemplateResult {
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  return html`<div class=${o.wide ? 'field wide' : 'field'}>
    <label for=${o.id}>${o.label[ctx.lang]}${o.required ? html` <span class="req">(${T.required[ctx.lang]})</span>` : nothing}</label>
    ${o.hint ? html`<span class="hint" id=${hintId}>${o.hint[ctx.lang]}</span>` : nothing}
    <input
      id=${o.id}
      type="text"
      .value=${o.value}
      maxlength=${o.maxlength ?? nothing}
      inputmode=${o.inputmode ?? nothing}
      autocomplete=${o.autocomplete ?? 'off'}
      aria-required=${o.required ? 'true' : nothing}
      aria-invalid=${invalid(ctx, o.id)}
      aria-describedby=${describedBy(ctx, o.id, hintId)}
      @input=${(e: Event) => o.set((e.target as HTMLInputElement).value)}
    />
    ${fieldError(ctx, o.id)}
  </div>`;
}

/** Options of a select. */
export interface SelectOptions {
  readonly id: string;
  readonly label: Message;
  readonly value: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly set: (value: string) => void;
  readonly required?: boolean;
  readonly hint?: string;
  readonly hintId?: string;
}

/** A labelled select. */
export function selectField(ctx: FormContext, o: SelectOptions): TemplateResult {
  return html`<div class="field">
    <label for=${o.id}>${o.label[ctx.lang]}${o.required ? html` <span class="req">(${T.required[ctx.lang]})</span>` : nothing}</label>
    <select
      id=${o.id}
      .value=${o.value}
      aria-required=${o.required ? 'true' : nothing}
      aria-invalid=${invalid(ctx, o.id)}
      aria-describedby=${describedBy(ctx, o.id, o.hintId)}
      @change=${(e: Event) => o.set((e.target as HTMLSelectElement).value)}
    >
      ${o.options.map((opt) => html`<option value=${opt.value} ?selected=${opt.value === o.value}>${opt.label}</option>`)}
    </select>
    ${o.hint && o.hintId ? html`<span class="hint" id=${o.hintId}>${o.hint}</span>` : nothing} ${fieldError(ctx, o.id)}
  </div>`;
}

/** The confidentiality select of a record, the meaning of its level written under it. */
export function confidentialityField(ctx: FormContext, id: string, value: Confidentiality, set: (level: Confidentiality) => void): TemplateResult {
  return html`<div class="conf" part="confidentiality">
    ${selectField(ctx, {
      id,
      label: T.confidentiality,
      value,
      options: LEVEL_IDS.map((l) => ({ value: l, label: LEVELS[l].name[ctx.lang] })),
      set: (v) => set(v as Confidentiality),
      hint: LEVELS[value].means[ctx.lang],
      hintId: `${id}-means`,
    })}
  </div>`;
}

/** The unit select's options, grouped by what they measure. */
function unitOptions(lang: WidgetLang, value: string): TemplateResult[] {
  const groups = new Map<string, typeof UNITS>();
  for (const u of UNITS) groups.set(u.dimension, [...(groups.get(u.dimension) ?? []), u]);
  return [...groups.values()].map(
    (units) =>
      html`<optgroup label=${units[0]!.label[lang]}>
        ${units.map((u) => html`<option value=${u.id} ?selected=${u.id === value}>${u.symbol[lang]} — ${u.label[lang]}</option>`)}
      </optgroup>`,
  );
}

/** The quantity of an item: a number (typed the French or English way) and its unit. */
export function quantityFields(ctx: FormContext, item: ItemDraft, update: (change: (i: ItemDraft) => void, field: string) => void): TemplateResult {
  const valueId = `${item.key}-value`;
  const unitId = `${item.key}-unit`;
  return html`<div class="quantity">
    ${textField(ctx, { id: valueId, label: T.quantity, value: item.value, inputmode: 'decimal', maxlength: 40, set: (v) => update((i) => (i.value = v), valueId) })}
    <div class="field">
      <label for=${unitId}>${T.unit[ctx.lang]}</label>
      <select
        id=${unitId}
        .value=${item.unit}
        aria-invalid=${invalid(ctx, unitId)}
        aria-describedby=${describedBy(ctx, unitId)}
        @change=${(e: Event) => update((i) => (i.unit = (e.target as HTMLSelectElement).value), unitId)}
      >
        <option value="" ?selected=${!item.unit}>${T.noUnit[ctx.lang]}</option>
        ${unitOptions(ctx.lang, item.unit)}
      </select>
      ${fieldError(ctx, unitId)}
    </div>
  </div>`;
}

/** A combobox (rendered by the synergy finder's class) and the problem of its field. */
export function comboField<O extends MaterialOption | NafOption>(ctx: FormContext, combo: SearchCombobox<O>, id: string, value: string | null): TemplateResult {
  return html`<div class="combo-wrap">${combo.render(value, ctx.lang)} ${fieldError(ctx, id)}</div>`;
}
