/**
 * The finder's capabilities mode (« Capacités »): who in the territory could make a product or
 * master a process, and who has spare capacity for it. The finder imports this module only when the
 * mode is first shown, with the SDK's kinship code behind it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { WidgetLang } from '../base/i18n.ts';
import type { LoadedToile } from '../data/toile-data.component.ts';
import { capabilityData, findCapabilities, type CapabilityOutcome, type CapabilitySettings } from './capabilities.ts';
import { makersCsv } from './capabilities-csv.ts';
import { makersTable, spareSection, type TableActions } from './capabilities-tables.ts';
import { SearchCombobox, type ComboboxHost } from './combobox.ts';
import { capabilityQueryLabel, parseCapabilityQuery, searchCapabilities, type CapabilityOption, type CapabilityQuery } from './capability-options.ts';
import { T } from './synergy-finder.strings.ts';

export type { CapabilityOutcome, CapabilitySettings } from './capabilities.ts';

/** What the mode asks of the finder. */
export interface CapabilitiesHooks {
  /** The settings now. */
  settings(): CapabilitySettings;
  /** The loaded document now, if any. */
  loaded(): LoadedToile | undefined;
  /** The user chose a process or a product (null: cleared). */
  query(query: CapabilityQuery | null): void;
  /** The user changed where distances are measured from, the radius (null: none) or the number of results. */
  change(settings: { near?: string | null; radiusKm?: number | null; top?: number }): void;
  /** The user chose a row. */
  readonly table: TableActions;
}

/** The capabilities mode of one finder: its search field, its form and its results. */
export class CapabilitiesMode {
  private memo: { key: string; loaded: LoadedToile; outcome: CapabilityOutcome } | undefined;
  private readonly combobox: SearchCombobox<CapabilityOption>;

  constructor(
    host: ComboboxHost,
    private readonly hooks: CapabilitiesHooks,
  ) {
    const options = () => {
      const loaded = hooks.loaded();
      return loaded ? capabilityData(loaded).options : [];
    };
    this.combobox = new SearchCombobox<CapabilityOption>(host, {
      id: 'capability',
      listId: 'capabilities',
      words: { label: T.capability, list: T.capabilityList, clear: T.clearCapability, none: T.noCapability },
      search: (query) => searchCapabilities(options(), query),
      parse: (text) => (parseCapabilityQuery(text) ? text.trim() : undefined),
      shown: (value, lang) => {
        const q = parseCapabilityQuery(value);
        return q ? capabilityQueryLabel(q, lang, options()) : value;
      },
      describe: (o, lang) => describe(o, lang),
      choose: (value) => hooks.query(parseCapabilityQuery(value) ?? null),
    });
  }

  /** Runs the SDK for the settings (memoised on the document and the settings). */
  outcome(loaded: LoadedToile): CapabilityOutcome {
    const settings = this.hooks.settings();
    const key = JSON.stringify(settings);
    if (this.memo && this.memo.loaded === loaded && this.memo.key === key) return this.memo.outcome;
    const outcome = findCapabilities(loaded, settings);
    this.memo = { key, loaded, outcome };
    return outcome;
  }

  /** The mode's fields: process or product, where distances are from, radius, number of results. */
  renderForm(loaded: LoadedToile, lang: WidgetLang): TemplateResult {
    const s = this.hooks.settings();
    const data = capabilityData(loaded);
    const known = !s.near || data.establishments.some((e) => e.id === s.near);
    const value = s.process ?? s.product;
    const change = this.hooks.change.bind(this.hooks);
    return html`${this.combobox.render(value, lang)}
      <label class="field"
        >${T.near[lang]}
        <select @change=${(e: Event) => change({ near: (e.target as HTMLSelectElement).value || null })}>
          <option value="" ?selected=${!s.near}>${T.centre[lang]}</option>
          ${known ? nothing : html`<option value=${s.near!} selected>${s.near}</option>`}
          ${data.establishments.map((e) => html`<option value=${e.id} ?selected=${e.id === s.near}>${e.name}</option>`)}
        </select>
      </label>
      <label class="field narrow"
        >${T.capabilityRadius[lang]}
        <input
          type="number"
          min="0.1"
          max="1000"
          step="any"
          .value=${s.radiusKm === null ? '' : String(s.radiusKm)}
          @change=${(e: Event) => {
            const text = (e.target as HTMLInputElement).value.trim();
            const v = Number(text);
            if (!text) change({ radiusKm: null });
            else if (Number.isFinite(v) && v > 0) change({ radiusKm: v });
          }}
        />
      </label>
      <label class="field narrow"
        >${T.top[lang]}
        <input
          type="number"
          min="1"
          max="500"
          step="1"
          .value=${String(s.top)}
          @change=${(e: Event) => {
            const v = Number((e.target as HTMLInputElement).value);
            if (Number.isFinite(v) && v >= 1) change({ top: Math.floor(v) });
          }}
        />
      </label>`;
  }

  /** The mode's results, its error and empty states, and its export button. */
  renderBody(loaded: LoadedToile, lang: WidgetLang, exportCsv: () => void): TemplateResult {
    const o = this.outcome(loaded);
    const s = this.hooks.settings();
    switch (o.state) {
      case 'ask':
        return html`<p part="status" class="status" role="status">${T.ask[lang]}</p>`;
      case 'unknown-process':
        return html`<p part="status" class="status error" role="alert">${T.unknownProcess[lang]} : ${o.value}</p>`;
      case 'unknown-product':
        return html`<p part="status" class="status error" role="alert">${T.unknownProduct[lang]} : ${o.value}</p>`;
      case 'unknown-near':
        return html`<p part="status" class="status error" role="alert">${T.unknownCompany[lang]} : ${o.id}</p>`;
      case 'ok': {
        const n = o.result.makers.length;
        return html`<div class="count" role="status">${n} ${n === 1 ? T.makersFoundOne[lang] : T.makersFound[lang]}</div>
          ${makersTable(o, s.near, s.radiusKm, this.hooks.table, lang)}
          <p>
            <button part="export" type="button" class="export" ?disabled=${n === 0} @click=${exportCsv}>${T.export[lang]}</button>
          </p>
          ${spareSection(o, this.hooks.table, lang)}`;
      }
    }
  }

  /** The makers shown now as CSV (header in the language). */
  toCsv(loaded: LoadedToile | undefined, lang: WidgetLang, delimiter: ',' | ';'): string {
    const o = loaded ? this.outcome(loaded) : undefined;
    return makersCsv(o?.state === 'ok' ? o : undefined, lang, delimiter);
  }
}

/** The grey line under an option: `procédé DIN 8580 4.6 — soudage à l’arc… · dans les données : …`, or a product's activity and labels. */
function describe(o: CapabilityOption, lang: WidgetLang): string {
  const labels = o.documentLabels;
  const inData = labels ? ` · ${T.inData[lang]} ${labels.slice(0, 3).join(', ')}${labels.length > 3 ? '…' : ''}` : '';
  if (o.type === 'process') {
    const din = o.din8580 ? ` DIN 8580 ${o.din8580}` : '';
    return `${T.process[lang]}${din}${o.includes ? ` — ${o.includes[lang]}` : ''}${inData}`;
  }
  return `${T.product[lang]}${o.activity ? ` · ${T.activity[lang]} NAF « ${o.activity} »` : ''}${inData}`;
}
