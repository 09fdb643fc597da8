/**
 * The form's sections: the establishment (picked from the territory or typed), its offers and needs,
 * its suppliers and customers. Each record is a fieldset with a legend; radio groups are fieldsets
 * too; every record has its confidentiality level, confidential until the company chooses otherwise.
 */
import { html, type TemplateResult } from 'lit';
import type { Establishment, FlowKind } from '@toile/schema';
import { KIND_LABELS } from '../base/kinds.ts';
import { AVAILABILITIES, addFlow, addResource, type Draft, type FlowDraft, type ItemDraft, type ResourceDraft } from './model.ts';
import { comboField, confidentialityField, describedBy, fieldError, quantityFields, selectField, textField, type FormContext } from './fields.ts';
import { describeEstablishment } from './territory-search.ts';
import { EST, fieldId } from './validate.ts';
import { T } from './declaration-form.strings.ts';

const KINDS = Object.keys(KIND_LABELS) as FlowKind[];

/** Fills the establishment's fields from the territory's record the company picked itself as. */
function pickSelf(ctx: FormContext, e: Establishment): void {
  ctx.edit((d) => {
    Object.assign(d.establishment, {
      territoryId: e.id,
      name: e.name,
      siret: e.siret ?? '',
      naf: e.naf ?? null,
      address: e.location?.address ?? '',
      postcode: e.location?.postcode ?? '',
      city: e.location?.city ?? '',
      insee: e.location?.insee ?? '',
      lat: e.location?.lat === undefined ? '' : String(e.location.lat),
      lon: e.location?.lon === undefined ? '' : String(e.location.lon),
    });
  });
  ctx.search.reset('self');
  ctx.announce({ fr: `${T.picked.fr} : ${e.name}.`, en: `${T.picked.en}: ${e.name}.` });
  ctx.focusLater(EST.siret);
}

function renderPickedSelf(ctx: FormContext): TemplateResult {
  const { lang, draft } = ctx;
  return html`<div class="picked" part="picked">
    <p>${T.picked[lang]}${lang === 'fr' ? ' :' : ':'} <strong>${draft.establishment.name}</strong> (<code>${draft.establishment.territoryId}</code>)</p>
    <button type="button" id="not-me" @click=${() => (ctx.edit((d) => (d.establishment.territoryId = null)), ctx.focusLater(EST.search))}>
      ${T.notMe[lang]}
    </button>
  </div>`;
}

/** The establishment fieldset (its location drawn by the location tools). */
export function establishmentSection(ctx: FormContext, attribution: string | null): TemplateResult {
  const { lang, draft } = ctx;
  const e = draft.establishment;
  const set = (field: 'siret' | 'name', id: string) => (v: string) => ctx.edit((d) => (d.establishment[field] = v), id);
  return html`<fieldset class="establishment" part="establishment">
    <legend>${T.establishment[lang]}</legend>
    ${
      e.territoryId
        ? renderPickedSelf(ctx)
        : ctx.search.render('self', { id: EST.search, label: T.findSelf[lang], hint: T.findSelfHint[lang], choose: (found) => pickSelf(ctx, found) }, lang)
    }
    <div class="row">
      ${textField(ctx, { id: EST.siret, label: T.siret, value: e.siret, inputmode: 'numeric', maxlength: 20, set: set('siret', EST.siret) })}
      ${textField(ctx, { id: EST.name, label: T.name, value: e.name, required: true, maxlength: 300, autocomplete: 'organization', wide: true, set: set('name', EST.name) })}
    </div>
    ${comboField(ctx, ctx.naf, EST.naf, e.naf)} ${ctx.location.render(ctx, attribution)}
    ${confidentialityField(ctx, EST.confidentiality, e.confidentiality, (l) => ctx.edit((d) => (d.establishment.confidentiality = l)))}
  </fieldset>`;
}

/** Edits one item of the draft (a resource or a flow) by key. */
function itemEditor<I extends ItemDraft>(ctx: FormContext, list: 'resources' | 'flows', key: string) {
  return (change: (item: I) => void, field?: string) =>
    ctx.edit((d: Draft) => {
      const item = (d[list] as ItemDraft[]).find((i) => i.key === key);
      if (item) change(item as I);
    }, field);
}

/** Radio buttons in a fieldset of their own. */
function radios(
  ctx: FormContext,
  o: { id: string; legend: string; value: string; choices: readonly [string, string][]; set: (v: string) => void },
): TemplateResult {
  return html`<fieldset class="radios" aria-describedby=${describedBy(ctx, o.id)}>
    <legend>${o.legend}</legend>
    ${o.choices.map(
      ([value, label]) =>
        html`<label class="check"
          ><input
            type="radio"
            id=${`${o.id}-${value}`}
            name=${o.id}
            value=${value}
            .checked=${o.value === value}
            @change=${() => o.set(value)}
          />${label}</label
        >`,
    )}
    ${fieldError(ctx, o.id)}
  </fieldset>`;
}

/** Kind, words, material, quantity: what resources and flows share. */
function itemFields(ctx: FormContext, item: ItemDraft, update: (change: (i: ItemDraft) => void, field?: string) => void): TemplateResult {
  const { lang } = ctx;
  const id = (f: string) => fieldId(item.key, f);
  return html`${selectField(ctx, {
    id: id('kind'),
    label: T.kind,
    value: item.kind,
    required: true,
    options: [{ value: '', label: T.chooseKind[lang] }, ...KINDS.map((k) => ({ value: k, label: KIND_LABELS[k][lang] }))],
    set: (v) => update((i) => (i.kind = v as FlowKind | ''), id('kind')),
  })}
  ${textField(ctx, { id: id('label'), label: T.what, value: item.label, maxlength: 300, wide: true, set: (v) => update((i) => (i.label = v), id('label')) })}
  ${comboField(ctx, ctx.material(item.key), id('material'), item.material)} ${quantityFields(ctx, item, update)}`;
}

function removeButton(ctx: FormContext, key: string, name: string, list: 'resources' | 'flows'): TemplateResult {
  const remove = () => {
    ctx.edit((d) => {
      (d[list] as ItemDraft[]).splice(
        (d[list] as ItemDraft[]).findIndex((i) => i.key === key),
        1,
      );
    });
    ctx.search.reset(key);
    ctx.announce(T.removed);
    ctx.focusLater(list === 'resources' ? 'add-offer' : 'add-supplier');
  };
  return html`<button type="button" class="remove" id=${fieldId(key, 'remove')} aria-label=${`${T.remove[ctx.lang]} — ${name}`} @click=${remove}>
    ${T.remove[ctx.lang]}
  </button>`;
}

function resourceFieldset(ctx: FormContext, r: ResourceDraft, n: number): TemplateResult {
  const { lang } = ctx;
  const update = itemEditor<ResourceDraft>(ctx, 'resources', r.key);
  const name = T.resource[lang](n);
  return html`<fieldset class="item" part="resource" data-key=${r.key}>
    <legend>${name}</legend>
    ${radios(ctx, {
      id: fieldId(r.key, 'direction'),
      legend: T.direction[lang],
      value: r.direction,
      choices: [
        ['offer', T.offer[lang]],
        ['need', T.need[lang]],
      ],
      set: (v) => update((i) => (i.direction = v as 'offer' | 'need')),
    })}
    ${itemFields(ctx, r, update as (change: (i: ItemDraft) => void, field?: string) => void)}
    ${selectField(ctx, {
      id: fieldId(r.key, 'availability'),
      label: T.availability,
      value: r.availability,
      options: [{ value: '', label: T.availabilityNone[lang] }, ...AVAILABILITIES.map((a) => ({ value: a, label: T[a][lang] }))],
      set: (v) => update((i) => (i.availability = v), fieldId(r.key, 'availability')),
    })}
    ${confidentialityField(ctx, fieldId(r.key, 'conf'), r.confidentiality, (l) => update((i) => (i.confidentiality = l)))}
    ${removeButton(ctx, r.key, name, 'resources')}
  </fieldset>`;
}

/** The offers and needs. */
export function resourcesSection(ctx: FormContext): TemplateResult {
  const { lang, draft } = ctx;
  const add = (direction: 'offer' | 'need') => {
    let key = '';
    ctx.edit((d) => (key = addResource(d, direction)));
    ctx.focusLater(fieldId(key, `direction-${direction}`));
  };
  return html`<fieldset class="list" part="resources">
    <legend>${T.resources[lang]}</legend>
    <p class="hint">${T.resourcesHint[lang]}</p>
    ${draft.resources.map((r, i) => resourceFieldset(ctx, r, i + 1))}
    <div class="inline">
      <button type="button" id="add-offer" class="add" @click=${() => add('offer')}>${T.addOffer[lang]}</button>
      <button type="button" id="add-need" class="add" @click=${() => add('need')}>${T.addNeed[lang]}</button>
    </div>
  </fieldset>`;
}

function partnerFields(ctx: FormContext, f: FlowDraft, update: (change: (i: FlowDraft) => void, field?: string) => void): TemplateResult {
  const { lang, draft } = ctx;
  const id = (x: string) => fieldId(f.key, x);
  if (f.partnerId) {
    return html`<div class="picked">
      <p>${T.partnerPicked[lang]} <strong>${f.partnerLabel}</strong></p>
      <button
        type="button"
        id=${id('partner')}
        aria-describedby=${describedBy(ctx, id('partner'))}
        @click=${() => (update((i) => Object.assign(i, { partnerId: null, partnerLabel: '' }), id('partner')), ctx.focusLater(id('partner')))}
      >
        ${T.partnerChange[lang]}
      </button>
      ${fieldError(ctx, id('partner'))}
    </div>`;
  }
  const choose = (e: Establishment) => {
    update((i) => Object.assign(i, { partnerId: e.id, partnerLabel: describeEstablishment(e) }), id('partner'));
    ctx.search.reset(f.key);
    ctx.focusLater(id('partner'));
  };
  const errorId = ctx.errors.has(id('partner')) ? `${id('partner')}-error` : undefined;
  return html`${ctx.search.render(f.key, { id: id('partner'), label: T.findPartner[lang], exclude: draft.establishment.territoryId, errorId, choose }, lang)}
    ${fieldError(ctx, id('partner'))}
    <p class="hint" id=${id('partner-or')}>${T.orName[lang]}</p>
    <div class="row">
      ${textField(ctx, { id: id('partner-name'), label: T.partnerName, value: f.partnerName, maxlength: 300, set: (v) => update((i) => (i.partnerName = v), id('partner')) })}
      ${textField(ctx, { id: id('partner-city'), label: T.partnerCity, value: f.partnerCity, maxlength: 200, set: (v) => update((i) => (i.partnerCity = v)) })}
    </div>
    <p class="hint">${T.partnerNote[lang]}</p>`;
}

function flowFieldset(ctx: FormContext, f: FlowDraft, n: number): TemplateResult {
  const { lang } = ctx;
  const update = itemEditor<FlowDraft>(ctx, 'flows', f.key);
  const name = T.flow[lang](n);
  return html`<fieldset class="item" part="flow" data-key=${f.key}>
    <legend>${name}</legend>
    ${radios(ctx, {
      id: fieldId(f.key, 'role'),
      legend: T.role[lang],
      value: f.role,
      choices: [
        ['supplier', T.supplier[lang]],
        ['customer', T.customer[lang]],
      ],
      set: (v) => update((i) => (i.role = v as 'supplier' | 'customer')),
    })}
    <fieldset class="partner">
      <legend>${T.partner[lang]}</legend>
      ${partnerFields(ctx, f, update)}
    </fieldset>
    ${itemFields(ctx, f, update as (change: (i: ItemDraft) => void, field?: string) => void)}
    ${confidentialityField(ctx, fieldId(f.key, 'conf'), f.confidentiality, (l) => update((i) => (i.confidentiality = l)))}
    ${removeButton(ctx, f.key, name, 'flows')}
  </fieldset>`;
}

/** The suppliers and customers. */
export function flowsSection(ctx: FormContext): TemplateResult {
  const { lang, draft } = ctx;
  const add = (role: 'supplier' | 'customer') => {
    let key = '';
    ctx.edit((d) => (key = addFlow(d, role)));
    ctx.focusLater(fieldId(key, `role-${role}`));
  };
  return html`<fieldset class="list" part="flows">
    <legend>${T.flows[lang]}</legend>
    <p class="hint">${T.flowsHint[lang]}</p>
    ${draft.flows.map((f, i) => flowFieldset(ctx, f, i + 1))}
    <div class="inline">
      <button type="button" id="add-supplier" class="add" @click=${() => add('supplier')}>${T.addSupplier[lang]}</button>
      <button type="button" id="add-customer" class="add" @click=${() => add('customer')}>${T.addCustomer[lang]}</button>
    </div>
  </fieldset>`;
}
