/**
 * The simulator's tables: the results of a run (totals, the chart, the establishments affected),
 * scenarios A and B side by side, and the systemic ranking. Template functions: what they do on a
 * click is the element's ({@link DominoTableActions}).
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  compareScenarios,
  FEEDBACK_NOTE,
  STATE_LABELS,
  stateDefinitions,
  type DominoEstablishmentResult,
  type DominoModel,
  type DominoTotals,
  type SystemicEntry,
} from '@toile/sdk';
import type { Message, WidgetLang } from '../base/i18n.ts';
import type { LoadedToile } from '../data/toile-data.component.ts';
import type { DominoRunResult } from './domino-simulator.component.ts';
import { dominoChart } from './domino-chart.ts';
import { euros, num, pct } from './domino-format.ts';
import { MODELS, T } from './domino-simulator.strings.ts';

/** Most rows shown in the pick list and the result list (the overlay shows them all). */
export const LIST_LIMIT = 50;

/** What the tables' buttons do, on the element. */
export interface DominoTableActions {
  /** An establishment of a table was chosen. */
  choose(id: string): void;
  /** An establishment's name in the loaded document (its id when unknown). */
  nameOf(id: string): string;
  /** Keep the result shown as scenario A. */
  pin(): void;
  /** Drop scenario A. */
  unpin(): void;
  /** Run the simulation of this establishment's closure. */
  simulate(id: string): void;
}

/** The results of a run: totals, definitions of the states, the chart, the establishments most affected. */
export function resultsSection(
  result: DominoRunResult,
  loaded: LoadedToile | undefined,
  lang: WidgetLang,
  pinned: boolean,
  actions: DominoTableActions,
): TemplateResult {
  const { outcome } = result;
  const rows = outcome.results.slice(0, LIST_LIMIT);
  const feedback = result.model !== 'cascade' && rows.some((r) => r.feedback !== undefined);
  return html`<section part="results" aria-labelledby="results-title">
    <h3 id="results-title">${T.results[lang]} — ${MODELS[result.model].name[lang]}</h3>
    ${totalsList(result, lang)}
    <p class="note" part="definitions">
      ${stateDefinitions(result.model === 'cascade' ? result.threshold : undefined)[lang]}${rows.some((r) => r.feedback !== undefined) ? html`<br />${FEEDBACK_NOTE[lang]}` : nothing}
    </p>
    ${dominoChart(result, loaded, lang)} ${affectedTable(result, rows, feedback, lang, actions)}
    ${outcome.results.length > rows.length ? html`<p class="note">${rows.length} ${T.more[lang]} ${num(outcome.results.length, lang)}.</p>` : nothing}
    <div class="row">
      ${pinned ? html`<p class="note">${T.pinnedHint[lang]}</p>` : html`<button type="button" @click=${() => actions.pin()}>${T.compare[lang]}</button>`}
    </div>
  </section>`;
}

/** The counts of a run (the cascade tells failed sites and partial losses; the IIMs, severe and stopped). */
function totalsList(result: DominoRunResult, lang: WidgetLang): TemplateResult {
  const t = result.outcome.totals;
  return html`<dl part="totals" class="totals">
    ${(
      (result.model === 'cascade'
        ? [
            [T.affected, t.establishmentsAffected],
            [T.failedSites, t.establishmentsStopped],
            [T.partial, t.establishmentsPartial],
            [T.jobs, t.jobsAtRisk],
            [T.lostFlows, t.lostFlows],
          ]
        : [
            [T.affected, t.establishmentsAffected],
            [T.severe, t.establishmentsSevere],
            [T.stopped, t.establishmentsStopped],
            [T.jobs, t.jobsAtRisk],
            [T.lostFlows, t.lostFlows],
          ]) as [Message, number][]
    ).map(
      ([label, value]) =>
        html`<div>
          <dt>${label[lang]}</dt>
          <dd>${num(value, lang)}</dd>
        </div>`,
    )}
    ${
      t.outputLossEurOverHorizon !== undefined
        ? html`<div>
            <dt>${T.outputLossOver[lang]}</dt>
            <dd>${euros(t.outputLossEurOverHorizon, lang)} ${T.over[lang]} ${num(t.horizonDays ?? 0, lang)} ${T.days[lang]}</dd>
          </div>`
        : t.outputLossEurPerYear !== undefined
          ? html`<div>
              <dt>${T.outputLoss[lang]}</dt>
              <dd>${euros(t.outputLossEurPerYear, lang)}${T.perYear[lang]}</dd>
            </div>`
          : nothing
    }
    ${
      t.lostFlowsAnnualValueEur > 0
        ? html`<div>
            <dt>${T.lostValue[lang]}</dt>
            <dd>${euros(t.lostFlowsAnnualValueEur, lang)}${T.perYear[lang]}</dd>
          </div>`
        : nothing
    }
  </dl>`;
}

/** The establishments most affected, with their loss, state, feedback, jobs and wave or last day. */
function affectedTable(
  result: DominoRunResult,
  rows: DominoEstablishmentResult[],
  feedback: boolean,
  lang: WidgetLang,
  actions: DominoTableActions,
): TemplateResult {
  return html`<div class="scroll">
    <table class="affected" aria-label=${T.list[lang]}>
      <thead>
        <tr>
          <th scope="col">${T.establishment[lang]}</th>
          <th scope="col" class="number">${T.loss[lang]}</th>
          <th scope="col">${T.state[lang]}</th>
          ${feedback ? html`<th scope="col" class="number">${T.feedback[lang]}</th>` : nothing}
          <th scope="col" class="number">${T.jobs[lang]}</th>
          ${result.model === 'cascade' ? html`<th scope="col" class="number">${T.wave[lang]}</th>` : nothing}
          ${result.model === 'diim' ? html`<th scope="col" class="number">${T.lastDay[lang]}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <th scope="row"><button class="link" type="button" @click=${() => actions.choose(r.id)}>${r.name}</button></th>
              <td class="number">${pct(r.failed ? 1 : r.inoperability, lang)}</td>
              <td data-state=${r.state}>${STATE_LABELS[r.state][lang]}</td>
              ${feedback ? html`<td class="number">${r.feedback !== undefined ? pct(r.feedback, lang) : ''}</td>` : nothing}
              <td class="number">${num(r.jobsAtRisk, lang)}</td>
              ${result.model === 'cascade' ? html`<td class="number">${r.round ?? '—'}</td>` : nothing}
              ${result.model === 'diim' ? html`<td class="number">${pct(r.final ?? 0, lang)}</td>` : nothing}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** Scenario A (pinned) and B (the current result, when another) side by side, with the differences. */
export function comparisonSection(a: DominoRunResult, b: DominoRunResult | undefined, lang: WidgetLang, actions: DominoTableActions): TemplateResult {
  const diff = b ? compareScenarios(a.outcome, b.outcome).totals : undefined;
  const sites = (r: DominoRunResult) => r.closed.map((id) => actions.nameOf(id)).join(', ');
  const parameter = (r: DominoRunResult) =>
    r.model === 'cascade' ? `${T.threshold[lang]} ${pct(r.threshold, lang)}` : r.model === 'diim' ? `${num(r.recoveryDays, lang)} ${T.days[lang]}` : '—';
  const signed = (v: number, format: (v: number) => string) => `${v > 0 ? '+' : ''}${format(v)}`;
  const show = (v: number | undefined, format: (v: number) => string) => (v === undefined ? '—' : format(v));
  const totalRow = (label: string, key: keyof DominoTotals, format: (v: number) => string = (v) => num(v, lang)) =>
    html`<tr>
      <th scope="row">${label}</th>
      <td class="number">${show(a.outcome.totals[key], format)}</td>
      <td class="number">${b ? show(b.outcome.totals[key], format) : '—'}</td>
      <td class="number">${diff && b && a.outcome.totals[key] !== undefined && b.outcome.totals[key] !== undefined ? signed(diff[key] ?? 0, format) : '—'}</td>
    </tr>`;
  const textRow = (label: string, f: (r: DominoRunResult) => string) =>
    html`<tr>
      <th scope="row">${label}</th>
      <td>${f(a)}</td>
      <td>${b ? f(b) : '—'}</td>
      <td></td>
    </tr>`;
  return html`<section part="comparison" aria-labelledby="comparison-title">
    <h3 id="comparison-title">${T.comparison[lang]}</h3>
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">${T.indicator[lang]}</th>
            <th scope="col">${T.scenarioA[lang]}</th>
            <th scope="col">${T.scenarioB[lang]}</th>
            <th scope="col" class="number">${T.difference[lang]}</th>
          </tr>
        </thead>
        <tbody>
          ${textRow(T.model[lang], (r) => MODELS[r.model].name[lang])} ${textRow(T.closedSites[lang], sites)}
          ${textRow(T.shockShort[lang], (r) => pct(r.shock, lang))} ${textRow(T.parameter[lang], parameter)}
          ${totalRow(T.affected[lang], 'establishmentsAffected')} ${totalRow(T.severe[lang], 'establishmentsSevere')}
          ${totalRow(T.stopped[lang], 'establishmentsStopped')} ${totalRow(T.jobs[lang], 'jobsAtRisk')} ${totalRow(T.lostFlows[lang], 'lostFlows')}
          ${totalRow(`${T.outputLoss[lang]} (${T.perYear[lang].replace('/', '€/')})`, 'outputLossEurPerYear', (v) => euros(v, lang))}
          ${totalRow(T.outputLossOver[lang], 'outputLossEurOverHorizon', (v) => euros(v, lang))}
          ${totalRow(T.lostValue[lang], 'lostFlowsAnnualValueEur', (v) => euros(v, lang))}
        </tbody>
      </table>
    </div>
    <button type="button" @click=${() => actions.unpin()}>${T.unpin[lang]}</button>
  </section>`;
}

/** The systemic ranking: the closures that would do most damage elsewhere, each with a button to simulate it. */
export function rankingSection(entries: SystemicEntry[], model: DominoModel, lang: WidgetLang, actions: DominoTableActions): TemplateResult {
  return html`<section part="ranking" aria-labelledby="ranking-title">
    <h3 id="ranking-title">${T.rankTitle[lang]}</h3>
    <p class="note">${T.rankHint[lang]} ${model === 'diim' ? T.rankIim[lang] : ''}</p>
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col" class="number">${T.rank_[lang]}</th>
            <th scope="col">${T.establishment[lang]}</th>
            <th scope="col" class="number">${T.othersAffected[lang]}</th>
            <th scope="col" class="number">${T.stoppedElsewhere[lang]}</th>
            <th scope="col" class="number">${T.jobsElsewhere[lang]}</th>
            <th scope="col" class="number">${T.valueLost[lang]} (${T.perYear[lang].replace('/', '€/')})</th>
            <th scope="col"><span class="visually-hidden">${T.simulate[lang]}</span></th>
          </tr>
        </thead>
        <tbody>
          ${entries.map(
            (e, k) =>
              html`<tr>
                <td class="number">${k + 1}</td>
                <th scope="row">
                  <button class="link" type="button" @click=${() => actions.choose(e.id)}>${e.name}</button>${
                    e.external ? html` <span class="tag" data-external="">(${T.external[lang]})</span>` : nothing
                  }
                </th>
                <td class="number">${num(e.establishmentsAffected, lang)}</td>
                <td class="number">${num(e.establishmentsStopped, lang)}</td>
                <td class="number">${num(e.jobsAtRisk, lang)}</td>
                <td class="number">${e.outputLossEurPerYear > 0 ? euros(e.outputLossEurPerYear, lang) : '—'}</td>
                <td>
                  <button type="button" aria-label=${`${T.simulate[lang]} : ${actions.nameOf(e.id)}`} @click=${() => actions.simulate(e.id)}>
                    ${T.simulate[lang]}
                  </button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}
