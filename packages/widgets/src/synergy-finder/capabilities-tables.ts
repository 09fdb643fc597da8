/**
 * The capabilities mode's results: who could make it (ranked, the score explained by its three
 * parts, the evidence, the distance and the spare capacity offered), and the spare capacity that
 * meets the query with the needs it could serve. Data is only ever text in these templates.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { getProcess, getUnit, type Quantity } from '@toile/schema';
import {
  KINSHIP_MATCH_WORDS as CAPABILITY_MATCH_LABELS,
  type Maker,
  type MakerEvidence,
  type MakerEvidenceKind,
  type ServedNeed,
  type SpareOffer,
} from '@toile/sdk';
import type { WidgetLang } from '../base/i18n.ts';
import type { CapabilityData, CapabilityOutcome } from './capabilities.ts';
import { capabilityQueryLabel } from './capability-options.ts';
import { number, percent, period, T } from './synergy-finder.strings.ts';
import { scorePart } from './synergy-table.ts';

/** The outcome the tables show. */
export type CapabilityResults = CapabilityOutcome & { state: 'ok' };

/** What the tables need from the finder: the chosen row's key and how to choose a row. */
export interface TableActions {
  /** `maker|id` or `spare|capability` of the chosen row. */
  chosen(): string | null;
  select(establishment: string, capability: string | null, key: string): void;
}

/** A quantity with its unit's symbol in the language (`9 500 h/an`). */
export function quantityText(q: Quantity, lang: WidgetLang): string {
  return `${number(q.value, lang)} ${getUnit(q.unit)?.symbol[lang] ?? q.unit}`;
}

/** A process's name in the language, with its DIN 8580 number when it has one (`Soudage (DIN 8580 4.6)`). */
export function processText(id: string, lang: WidgetLang): string {
  const p = getProcess(id);
  return p ? `${p.label[lang]}${p.din8580 ? ` (DIN 8580 ${p.din8580})` : ''}` : id;
}

/** One spare offer in a line: `25 % libre · 1 janv. 2026 → 31 déc. 2026 · 9 500 h/an`. */
export function spareText(o: SpareOffer, lang: WidgetLang): string {
  return [`${percent(o.share, lang)} ${T.free[lang]}`, period(o.from, o.to, lang), o.spare ? quantityText(o.spare, lang) : ''].filter(Boolean).join(' · ');
}

const PART_LABELS: Readonly<Record<MakerEvidenceKind, keyof typeof T>> = { capability: 'partCapability', flow: 'partFlow', kin: 'partKin' };

/** The three parts of a maker's score, shown as the synergy rows show theirs: strength and how it met the query (0 % without evidence of that kind). */
function renderParts(m: Maker, lang: WidgetLang): TemplateResult {
  return html`<ul class="parts">
    ${(['capability', 'flow', 'kin'] as const).map((kind) => {
      const e = m.evidence.find((x) => x.kind === kind);
      return scorePart(T[PART_LABELS[kind]][lang], e?.strength ?? 0, lang, e ? CAPABILITY_MATCH_LABELS[e.match][lang] : undefined);
    })}
  </ul>`;
}

/** One piece of evidence in words: the capability with its process, products and certifications; the flow given; the known maker it is kin to. */
function renderEvidence(e: MakerEvidence, data: CapabilityData, lang: WidgetLang): TemplateResult {
  const more = e.count > 1 ? ` (+${e.count - 1} ${T.others[lang]})` : '';
  if (e.kind === 'capability') {
    const c = data.capabilities.get(e.ref)?.capability;
    const details = [processText(c?.process ?? e.detail, lang), (c?.products ?? []).join(', '), (c?.certifications ?? []).join(', ')].filter(Boolean);
    return html`<li><span class="capability">${c?.label ?? e.ref}</span>${more} <span class="note">${details.join(' · ')}</span></li>`;
  }
  if (e.kind === 'flow') {
    const f = data.flows.get(e.ref);
    return html`<li>${T.gave[lang]} « ${f?.item?.label ?? e.detail} » (${e.detail})${more}</li>`;
  }
  return html`<li>${T.kinOf[lang]} ${data.names.get(e.ref) ?? e.ref} (${e.detail})${more}</li>`;
}

/** One candidate: establishment, evidence, distance, score and its parts, spare capacity, and its button. */
function renderMakerRow(o: CapabilityResults, m: Maker, actions: TableActions, lang: WidgetLang): TemplateResult {
  const key = `maker|${m.id}`;
  const chosen = actions.chosen() === key;
  const spare = o.spareOf.get(m.id) ?? [];
  return html`<tr aria-current=${chosen ? 'true' : nothing} class=${chosen ? 'chosen' : ''} data-establishment=${m.id}>
    <td>${m.name}</td>
    <td>
      <ul class="evidence">
        ${m.evidence.map((e) => renderEvidence(e, o.data, lang))}
      </ul>
    </td>
    <td class="num">${m.distanceKm === null ? T.unlocated[lang] : `${number(m.distanceKm, lang, 1)} km`}</td>
    <td class="num score">
      <meter min="0" max="1" low="0.4" high="0.7" optimum="1" .value=${m.score} aria-hidden="true"></meter>
      ${percent(m.score, lang)}
    </td>
    <td>${renderParts(m, lang)}</td>
    <td class="spare">${spare.length ? spare.map((s) => html`<div>${spareText(s, lang)}</div>`) : '—'}</td>
    <td>
      <button type="button" class="show" @click=${() => actions.select(m.id, m.evidence.find((e) => e.kind === 'capability')?.ref ?? null, key)}>
        ${T.show[lang]}<span class="visually-hidden"> : ${m.name}</span>
      </button>
    </td>
  </tr>`;
}

/** What the caption says after its title: the query, where distances are from, the radius, how many already make it. */
function context(o: CapabilityResults, near: string | null, radiusKm: number | null, lang: WidgetLang): string {
  const from =
    o.result.origin === 'establishment' && near
      ? `${T.from2[lang]} ${o.data.names.get(near) ?? near}`
      : o.result.origin === 'territory'
        ? T.fromCentre[lang]
        : T.noDistances[lang];
  return [
    capabilityQueryLabel(o.query, lang, o.data.options),
    from,
    radiusKm !== null ? `${T.within[lang]} ${number(radiusKm, lang, 1)} km` : '',
    `${o.result.knownMakers} ${T.already[lang]}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The makers table, with the note that explains the score. */
export function makersTable(o: CapabilityResults, near: string | null, radiusKm: number | null, actions: TableActions, lang: WidgetLang): TemplateResult {
  if (!o.result.makers.length) return html`<p part="status" class="status" role="status">${T.noMakers[lang]}</p>`;
  return html`<div class="scroll">
      <table part="table" class="makers">
        <caption>
          ${T.makersCaption[lang]}
          <span class="context">— ${context(o, near, radiusKm, lang)}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">${T.company[lang]}</th>
            <th scope="col">${T.evidence[lang]}</th>
            <th scope="col" class="num">${T.distance[lang]}</th>
            <th scope="col" class="num">${T.score[lang]}</th>
            <th scope="col">${T.parts[lang]}</th>
            <th scope="col">${T.spare[lang]}</th>
            <th scope="col"><span class="visually-hidden">${T.action[lang]}</span></th>
          </tr>
        </thead>
        <tbody>
          ${o.result.makers.map((m) => renderMakerRow(o, m, actions, lang))}
        </tbody>
      </table>
    </div>
    <p class="note">${T.makersNote[lang]}</p>`;
}

/** A need a spare offer could serve: `Plateau technique de soudage — Chantier Naval (nomme le procédé)`. */
function servedText(s: ServedNeed, data: CapabilityData, lang: WidgetLang): string {
  const what = s.label ?? s.code ?? s.ref;
  const who = s.establishments.map((id) => data.names.get(id) ?? id).join(', ');
  const how = s.match === 'process' ? T.namesProcess[lang] : `${s.product ?? ''}, ${CAPABILITY_MATCH_LABELS[s.match][lang]}`;
  return s.source === 'need' ? `${what} — ${who} (${how})` : `${what} — ${T.boughtOutsideBy[lang]} ${who} (${how})`;
}

function renderSpareRow(o: SpareOffer, data: CapabilityData, actions: TableActions, lang: WidgetLang): TemplateResult {
  const key = `spare|${o.capability}`;
  const chosen = actions.chosen() === key;
  const name = data.names.get(o.establishment) ?? o.establishment;
  return html`<tr aria-current=${chosen ? 'true' : nothing} class=${chosen ? 'chosen' : ''} data-capability=${o.capability}>
    <td>${name}</td>
    <td>
      <span class="capability">${o.label ?? o.capability}</span>
      <span class="note">${processText(o.process, lang)}${o.match ? ` · ${CAPABILITY_MATCH_LABELS[o.match.match][lang]}` : ''}</span>
    </td>
    <td class="num">${percent(o.share, lang)}</td>
    <td>${period(o.from, o.to, lang)}</td>
    <td class="num">${o.spare ? quantityText(o.spare, lang) : '—'}</td>
    <td>
      ${
        o.serves.length
          ? html`<ul class="served">
              ${o.serves.map((s) => html`<li>${servedText(s, data, lang)}</li>`)}
            </ul>`
          : '—'
      }
    </td>
    <td>
      <button type="button" class="show" @click=${() => actions.select(o.establishment, o.capability, key)}>
        ${T.show[lang]}<span class="visually-hidden"> : ${name}, ${o.label ?? o.capability}</span>
      </button>
    </td>
  </tr>`;
}

/** The spare capacity section: capabilities with an idle share that meet the query, with the needs each could serve. */
export function spareSection(o: CapabilityResults, actions: TableActions, lang: WidgetLang): TemplateResult {
  return html`<section part="spare" class="spare-section" aria-labelledby="spare-title">
    <h3 id="spare-title">${T.spareTitle[lang]}</h3>
    ${
      o.spare.length === 0
        ? html`<p class="status">${T.noSpare[lang]}</p>`
        : html`<div class="scroll">
            <table>
              <caption>
                ${T.spareCaption[lang]}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${T.company[lang]}</th>
                  <th scope="col">${T.capabilityColumn[lang]}</th>
                  <th scope="col" class="num">${T.spareShare[lang]}</th>
                  <th scope="col">${T.period[lang]}</th>
                  <th scope="col" class="num">${T.amount[lang]}</th>
                  <th scope="col">${T.couldServe[lang]}</th>
                  <th scope="col"><span class="visually-hidden">${T.action[lang]}</span></th>
                </tr>
              </thead>
              <tbody>
                ${o.spare.map((s) => renderSpareRow(s, o.data, actions, lang))}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}
