/** The finder's pooling section: establishments nearby declaring the same need, each with a button to choose the group. */
import { html, nothing, type TemplateResult } from 'lit';
import { getUnit } from '@toile/schema';
import type { PoolingCandidate } from '@toile/sdk';
import type { WidgetLang } from '../base/i18n.ts';
import { poolingText, type Prepared } from './prepared.ts';
import { number, T } from './synergy-finder.strings.ts';

/** How the finder remembers a chosen pooling group. */
export function poolingKey(g: PoolingCandidate): string {
  return `pool|${g.key}|${g.leader}`;
}

/** The pooling section; `chosen` is the finder's chosen key (see poolingKey). */
export function poolingSection(
  pooling: readonly PoolingCandidate[],
  p: Prepared,
  chosen: string | null,
  choose: (g: PoolingCandidate) => void,
  lang: WidgetLang,
): TemplateResult {
  const name = (id: string) => p.names.get(id) ?? id;
  return html`<section part="pooling" class="pooling" aria-labelledby="pooling-title">
    <h3 id="pooling-title">${T.pooling[lang]}</h3>
    ${
      pooling.length === 0
        ? html`<p class="status">${T.noPooling[lang]}</p>`
        : html`<div class="scroll">
            <table>
              <caption>
                ${T.poolingCaption[lang]}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${T.poolingNeed[lang]}</th>
                  <th scope="col">${T.poolingMembers[lang]}</th>
                  <th scope="col" class="num">${T.poolingSpread[lang]}</th>
                  <th scope="col" class="num">${T.poolingQuantity[lang]}</th>
                  <th scope="col"><span class="visually-hidden">${T.action[lang]}</span></th>
                </tr>
              </thead>
              <tbody>
                ${pooling.map((g) => {
                  const isChosen = chosen === poolingKey(g);
                  const unit = g.quantity ? (getUnit(g.quantity.unit)?.label[lang] ?? g.quantity.unit) : '';
                  const text = poolingText(g, lang);
                  return html`<tr aria-current=${isChosen ? 'true' : nothing} class=${isChosen ? 'chosen' : ''}>
                    <td>${text}</td>
                    <td>${g.establishments.map(name).join(', ')}${g.size > g.establishments.length ? ` (+${g.size - g.establishments.length})` : ''}</td>
                    <td class="num">${number(g.maxDistanceKm, lang, 1)}</td>
                    <td class="num">${g.quantity ? `${number(g.quantity.value, lang)} ${unit}` : '—'}</td>
                    <td>
                      <button type="button" class="show" @click=${() => choose(g)}>${T.show[lang]}<span class="visually-hidden"> : ${text}</span></button>
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}
