/**
 * The synergies mode's candidates table: each candidate's items, partners, distance, score with its
 * parts explained, carbon figures and button; and the notes under it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatCo2eOrder, type AvoidedEmissions, type SynergyMatch } from '@toile/sdk';
import type { WidgetLang } from '../base/i18n.ts';
import { materialLabel, type MaterialFilter } from './materials.ts';
import { avoidedOf, itemText, needItem, needKind, type Prepared } from './prepared.ts';
import { MATCH_LABELS, number, percent, T, transportText } from './synergy-finder.strings.ts';

/** The results the table shows. */
export interface MatchResults {
  readonly prepared: Prepared;
  readonly matches: readonly SynergyMatch[];
  readonly establishment?: string;
  readonly material?: MaterialFilter;
}

/** The chosen row's key (`offer|need`) and how to choose a candidate. */
export interface ChosenMatch {
  readonly key: string | null;
  choose(m: SynergyMatch, establishment: string | undefined): void;
}

/** One part of a score: its name, a meter, the percentage and what explains it. */
export function scorePart(label: string, value: number, lang: WidgetLang, extra?: string): TemplateResult {
  return html`<li>
    <span class="part-label">${label}</span>
    <meter min="0" max="1" .value=${value} aria-hidden="true"></meter>
    <span class="part-value">${percent(value, lang)}${extra ? html` <span class="extra">(${extra})</span>` : nothing}</span>
  </li>`;
}

/** The candidates table and its notes (relative carbon index, avoided CO2e and its bases). */
export function matchesTable(o: MatchResults, radius: number, chosen: ChosenMatch, lang: WidgetLang): TemplateResult {
  const p = o.prepared;
  const name = (id: string) => p.names.get(id) ?? id;
  const context = [
    o.establishment ? name(o.establishment) : '',
    o.material ? materialLabel(o.material, lang) : '',
    `${T.within[lang]} ${number(radius, lang, 1)} km`,
  ]
    .filter(Boolean)
    .join(' · ');
  if (!o.matches.length) return html`<p part="status" class="status" role="status">${T.none[lang]}</p>`;
  const avoided = o.matches.map((m) => avoidedOf(p, m));
  // Each basis once, in the order first met: route, kg CO2e per t, source page, licence.
  const bases = [...new Map(avoided.filter((a): a is AvoidedEmissions => a !== undefined).map((a) => [a.factor.id, a])).values()];
  return html`<div class="scroll">
      <table part="table">
        <caption>
          ${T.caption[lang]}
          <span class="context">— ${context}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">${T.offerNeed[lang]}</th>
            <th scope="col">${T.from[lang]}</th>
            <th scope="col">${T.to[lang]}</th>
            <th scope="col" class="num">${T.distance[lang]}</th>
            <th scope="col" class="num">${T.score[lang]}</th>
            <th scope="col">${T.parts[lang]}</th>
            <th scope="col" class="num">${T.co2e[lang]}</th>
            <th scope="col" class="num">${T.avoided[lang]}</th>
            <th scope="col"><span class="visually-hidden">${T.action[lang]}</span></th>
          </tr>
        </thead>
        <tbody>
          ${o.matches.map((m, k) => matchRow(o, m, avoided[k], chosen, lang))}
        </tbody>
      </table>
    </div>
    ${o.matches.some((m) => m.carbonIndex !== undefined) ? html`<p class="note">${T.co2eNote[lang]}</p>` : nothing}
    <div id="avoided-note" class="note avoided-note">
      <p>${T.avoidedNote[lang]}</p>
      ${
        bases.length
          ? html`<ul>
              ${bases.map((a) => html`<li>${a.basis[lang]} — <a href=${a.factor.url} target="_blank" rel="noopener noreferrer">${new URL(a.factor.url).hostname}</a> (${a.factor.licence})</li>`)}
            </ul>`
          : nothing
      }
    </div>`;
}

/** One candidate: items, partners, distance, score and its parts, carbon figures, and its button. */
function matchRow(o: MatchResults, m: SynergyMatch, a: AvoidedEmissions | undefined, chosen: ChosenMatch, lang: WidgetLang): TemplateResult {
  const p = o.prepared;
  const name = (id: string) => p.names.get(id) ?? id;
  const offer = p.resources.get(m.offer);
  const offerText = itemText(offer?.item, offer?.kind, lang);
  const needText = itemText(needItem(p, m), needKind(p, m), lang);
  const isChosen = chosen.key === `${m.offer}|${m.need}`;
  return html`<tr aria-current=${isChosen ? 'true' : nothing} class=${isChosen ? 'chosen' : ''} data-offer=${m.offer} data-need=${m.need}>
    <td class="item">
      <span class="offer">${offerText}</span> → <span class="need">${needText}</span>
      ${m.needSource === 'flow' ? html`<span class="note">(${T.boughtOutside[lang]})</span>` : nothing}
      ${m.hazardous ? html`<span part="hazardous" class="badge danger">${T.hazardous[lang]}</span>` : nothing}
    </td>
    <td>${name(m.from)}</td>
    <td>${name(m.to)}</td>
    <td class="num">${m.distanceKm === undefined ? T.unlocated[lang] : `${number(m.distanceKm, lang, 1)} km`}</td>
    <td class="num score">
      <meter min="0" max="1" low="0.4" high="0.7" optimum="1" .value=${m.score} aria-hidden="true"></meter>
      ${percent(m.score, lang)}
    </td>
    <td>
      <ul class="parts">
        ${scorePart(T.partItem[lang], m.parts.item, lang, MATCH_LABELS[m.itemMatch][lang])}
        ${scorePart(T.partDistance[lang], m.parts.distance, lang, m.transport ? transportText(m.transport, lang) : undefined)}
        ${scorePart(T.partQuantity[lang], m.parts.quantity, lang)} ${scorePart(T.partKind[lang], m.parts.kind, lang)}
      </ul>
    </td>
    <td class="num">${m.carbonIndex === undefined ? '—' : number(m.carbonIndex, lang)}</td>
    <td class="num avoided">
      ${
        a
          ? html`<span title=${`${formatCo2eOrder(a.tonnesCo2e, lang, { perYear: true })}, ${a.basis[lang]}`} aria-describedby="avoided-note"
              >${formatCo2eOrder(a.tonnesCo2e, lang, { perYear: true, bare: true })}</span
            >`
          : '—'
      }
    </td>
    <td>
      <button type="button" class="show" @click=${() => chosen.choose(m, o.establishment)}>
        ${T.show[lang]}<span class="visually-hidden"> : ${name(m.from)} → ${name(m.to)}, ${offerText}</span>
      </button>
    </td>
  </tr>`;
}
