/** The form of a flow the people in the room say is missing: direction, partner, kind, item, measures. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Flow, FlowKind } from '@toile/schema';
import type { WidgetLang } from '../base/i18n.ts';
import { KIND_LABELS } from '../base/kinds.ts';
import { measureFields, readMeasures, type FieldErrors, type FormText } from './flow-form.ts';
import { T } from './workshop.strings.ts';

const KINDS = Object.keys(KIND_LABELS) as FlowKind[];

/** A new flow id, unique enough for a territory (`<establishment>-atelier-<time><random>`, within the Id pattern). */
function newFlowId(establishment: string): string {
  const random = Math.floor(Math.random() * 36 ** 4).toString(36);
  return `${establishment.slice(0, 60)}-atelier-${Date.now().toString(36)}${random}`;
}

/** Reads the add form: the new flow (validated, from the workshop, confidential) or the problems. */
export function readAddForm(text: FormText, establishment: string, workshop: string): { flow?: Flow; errors: FieldErrors } {
  const { measures, errors } = readMeasures(text);
  const partner = text['partner'];
  if (!partner) errors.partner = T.partnerNeeded;
  if (Object.keys(errors).length || !partner) return { errors };
  const incoming = text['direction'] !== 'out';
  const kind = (KINDS as string[]).includes(text['kind'] ?? '') ? (text['kind'] as FlowKind) : 'supply';
  const label = text['item'];
  const flow: Flow = {
    id: newFlowId(establishment),
    from: incoming ? partner : establishment,
    to: incoming ? establishment : partner,
    kind,
    ...(label ? { item: { label } } : {}),
    ...measures,
    // What people say in a workshop stays with the agency until it decides otherwise.
    confidentiality: 'confidential',
    validated: true,
    source: workshop,
  };
  return { flow, errors };
}

/** The add form. */
export function addForm(
  establishment: string,
  partners: readonly { id: string; name: string }[],
  errors: FieldErrors,
  submit: (form: HTMLFormElement) => void,
  lang: WidgetLang,
): TemplateResult {
  const partnerError = errors.partner;
  return html`<section part="add" class="add" aria-labelledby="add-heading">
    <h3 id="add-heading">${T.add[lang]}</h3>
    <form
      data-form="add"
      novalidate
      @submit=${(e: Event) => {
        e.preventDefault();
        submit(e.target as HTMLFormElement);
      }}
    >
      <fieldset class="direction">
        <legend>${T.direction[lang]}</legend>
        <label class="check"><input type="radio" name="direction" value="in" checked /> ${T.directionIn[lang]}</label>
        <label class="check"><input type="radio" name="direction" value="out" /> ${T.directionOut[lang]}</label>
      </fieldset>
      <div class="row">
        <label class="field" for="add-partner"
          >${T.partner[lang]}
          <select
            id="add-partner"
            name="partner"
            aria-invalid=${partnerError ? 'true' : 'false'}
            aria-describedby=${partnerError ? 'add-partner-error' : nothing}
          >
            <option value="">${T.choosePartner[lang]}</option>
            ${partners.filter((p) => p.id !== establishment).map((p) => html`<option value=${p.id}>${p.name}</option>`)}
          </select>
          ${partnerError ? html`<span id="add-partner-error" class="field-error">${partnerError[lang]}</span>` : nothing}
        </label>
        <label class="field" for="add-kind"
          >${T.kind[lang]}
          <select id="add-kind" name="kind">
            ${KINDS.map((k) => html`<option value=${k}>${KIND_LABELS[k][lang]}</option>`)}
          </select>
        </label>
        <label class="field wide" for="add-item">${T.itemLabel[lang]} <input id="add-item" name="item" type="text" maxlength="300" /></label>
      </div>
      ${measureFields('add', undefined, errors, lang)}
      <label class="field wide" for="add-comment">${T.comment[lang]} <input id="add-comment" name="comment" type="text" maxlength="2000" /></label>
      <div class="actions"><button type="submit" data-action="add">${T.addFlow[lang]}</button></div>
    </form>
  </section>`;
}
