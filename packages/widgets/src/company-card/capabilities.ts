/**
 * The productive capabilities of the establishment shown on the card: the process it masters (named
 * from the process vocabulary of @toile/schema), the products it makes with it, its capacity, its
 * certifications and the spare capacity it offers to others.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { getEwcEntry, getNafLabel, getProcess, getUnit, type Capability, type Quantity, type SpareCapacity } from '@toile/schema';
import { isVisibleTo, type Audience } from '@toile/sdk';
import type { Message, WidgetLang } from '../base/i18n.ts';

/** The section's words. */
export const CAPABILITY_TEXT = {
  heading: { fr: 'Capacités productives', en: 'Productive capabilities' },
  intro: {
    fr: 'Procédés maîtrisés, avec ce qu’ils produisent ; la capacité disponible est offerte à d’autres entreprises.',
    en: 'Processes mastered, with what they make; spare capacity is offered to other companies.',
  },
  products: { fr: 'Produits', en: 'Products' },
  capacity: { fr: 'Capacité', en: 'Capacity' },
  certifications: { fr: 'Certifications', en: 'Certifications' },
  spare: { fr: 'Capacité disponible', en: 'Spare capacity' },
  offered: { fr: 'de la capacité offerte à d’autres entreprises', en: 'of the capacity offered to other companies' },
  about: { fr: 'soit environ', en: 'about' },
  openPeriod: { fr: 'sans période indiquée', en: 'no period given' },
  between: { fr: 'du {from} au {to}', en: 'from {from} to {to}' },
  from: { fr: 'à partir du {from}', en: 'from {from}' },
  to: { fr: 'jusqu’au {to}', en: 'until {to}' },
} satisfies Record<string, Message>;

/** What the section needs from the card. */
export interface CapabilityContext {
  lang: WidgetLang;
  /** Who the card is shown to: a capability above it is not shown (its level is its own). */
  audience: Audience;
  /** Language of the data when it differs from the element's (marks the data's own text). */
  dataLang: string | undefined;
}

interface Formats {
  number: Intl.NumberFormat;
  percent: Intl.NumberFormat;
  date: Intl.DateTimeFormat;
}
const formats = new Map<WidgetLang, Formats>();
function formatsFor(lang: WidgetLang): Formats {
  let f = formats.get(lang);
  if (!f) {
    f = {
      number: new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }),
      percent: new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }),
      // ISO dates are calendar days: read and written in UTC, so that no time zone moves them.
      date: new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
    };
    formats.set(lang, f);
  }
  return f;
}

/** The capabilities of an establishment the audience may see, each by its own level; malformed entries left out. */
export function visibleCapabilities(capabilities: unknown, audience: Audience): Capability[] {
  if (!Array.isArray(capabilities)) return [];
  return capabilities.filter(
    (c): c is Capability =>
      typeof c === 'object' && c !== null && typeof (c as Capability).process === 'string' && isVisibleTo((c as Capability).confidentiality, audience),
  );
}

/**
 * The label the kit has for a product code, with its language: NAF sub-classes and levels
 * (`naf:25.62A`) and CPA codes down to the class (`cpa:25.62`, whose digits are the NACE class's
 * down to that level) read the NAF vocabulary, French only; EWC entries (`ewc:100202`) read the
 * European List of Waste, French or English. Other codes (`hs:8483`) have none.
 */
export function productLabel(code: string, lang: WidgetLang): { text: string; lang: WidgetLang } | undefined {
  const colon = code.indexOf(':');
  if (colon < 0) return undefined;
  const scheme = code.slice(0, colon).toLowerCase();
  const digits = code.slice(colon + 1).trim();
  if (scheme === 'naf' || (scheme === 'cpa' && /^\d{2}(?:\.\d{1,2})?$/.test(digits))) {
    const text = getNafLabel(digits);
    return text === undefined ? undefined : { text, lang: 'fr' };
  }
  if (scheme === 'ewc') {
    const entry = getEwcEntry(digits.replace(/[\s*]/g, ''));
    if (!entry) return undefined;
    return lang === 'fr' ? { text: entry.fr, lang } : { text: entry.label, lang };
  }
  return undefined;
}

/** A quantity with the name of its unit in the element's language (`38 000 heures par an`). */
export function quantityText(q: Quantity, lang: WidgetLang): string {
  return `${formatsFor(lang).number.format(q.value)} ${getUnit(q.unit)?.label[lang] ?? q.unit}`;
}

/** An ISO date (`2026-01-01`) in words (`1 janvier 2026`); the text as given when it is no date. */
function dateText(iso: string, lang: WidgetLang): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : undefined;
  return date && !Number.isNaN(date.getTime()) ? formatsFor(lang).date.format(date) : iso;
}

/** The period of a spare capacity in words: both ends, one, or none (« sans période indiquée »). */
export function periodText(spare: SpareCapacity, lang: WidgetLang): string {
  const from = spare.from ? dateText(spare.from, lang) : undefined;
  const to = spare.to ? dateText(spare.to, lang) : undefined;
  const fill = (m: Message) => m[lang].replace('{from}', from ?? '').replace('{to}', to ?? '');
  if (from && to) return fill(CAPABILITY_TEXT.between);
  if (from) return fill(CAPABILITY_TEXT.from);
  if (to) return fill(CAPABILITY_TEXT.to);
  return CAPABILITY_TEXT.openPeriod[lang];
}

/** The spare capacity of a capability, marked as offered to others. */
function renderSpare(c: Capability, spare: SpareCapacity, lang: WidgetLang): TemplateResult {
  const f = formatsFor(lang);
  const share = Math.min(1, Math.max(0, spare.share));
  const amount = c.capacity ? { value: Math.round(c.capacity.value * share * 100) / 100, unit: c.capacity.unit } : undefined;
  return html`<p part="spare" class="spare" data-share=${String(spare.share)}>
    <strong class="spare-label">${CAPABILITY_TEXT.spare[lang]}</strong>
    <span class="spare-share">${f.percent.format(share)} ${CAPABILITY_TEXT.offered[lang]}</span>
    ${amount ? html`<span class="spare-amount">(${CAPABILITY_TEXT.about[lang]} ${quantityText(amount, lang)})</span>` : nothing} —
    <span class="spare-period">${periodText(spare, lang)}</span>
  </p>`;
}

/** One product code, with its label when the kit has one (marked with its language when it is not the element's). */
function renderProduct(code: string, lang: WidgetLang): TemplateResult {
  const label = productLabel(code, lang);
  return html`<li data-product=${code}>
    <span class="code">${code}</span
    >${label ? html` · <span class="product-label" lang=${ifDefined(label.lang === lang ? undefined : label.lang)}>${label.text}</span>` : nothing}
  </li>`;
}

/** One capability: process, own words, products, capacity, certifications, spare capacity. */
function renderCapability(c: Capability, ctx: CapabilityContext): TemplateResult {
  const { lang } = ctx;
  const process = getProcess(c.process);
  const fact = (cls: string, label: string, value: unknown) =>
    html`<div class=${cls}>
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
  const products = (c.products ?? []).filter((p): p is string => typeof p === 'string');
  const certifications = (c.certifications ?? []).filter((p): p is string => typeof p === 'string');
  const facts = [
    ...(products.length
      ? [
          fact(
            'products',
            CAPABILITY_TEXT.products[lang],
            html`<ul class="product-list">
              ${products.map((p) => renderProduct(p, lang))}
            </ul>`,
          ),
        ]
      : []),
    ...(c.capacity ? [fact('capacity', CAPABILITY_TEXT.capacity[lang], quantityText(c.capacity, lang))] : []),
    ...(certifications.length ? [fact('certifications', CAPABILITY_TEXT.certifications[lang], certifications.join(', '))] : []),
  ];
  // A share of 0 offers nothing: no spare capacity is shown for it.
  const spare = c.spare && c.spare.share > 0 ? c.spare : undefined;
  return html`<li part="capability" class="capability" data-capability=${c.id} data-process=${c.process}>
    <p class="capability-head">
      <strong part="process" class="process">${process?.label[lang] ?? c.process}</strong>
      ${process ? html`<span class="code process-id">${c.process}</span>` : nothing}
    </p>
    ${c.label ? html`<p class="capability-label" lang=${ifDefined(ctx.dataLang)}>${c.label}</p>` : nothing}
    ${facts.length ? html`<dl class="capability-facts">${facts}</dl>` : nothing} ${spare ? renderSpare(c, spare, lang) : nothing}
  </li>`;
}

/** The capabilities section of the card; nothing when the establishment has none the audience may see. */
export function renderCapabilities(capabilities: unknown, ctx: CapabilityContext): TemplateResult | typeof nothing {
  const shown = visibleCapabilities(capabilities, ctx.audience);
  if (shown.length === 0) return nothing;
  const { lang } = ctx;
  return html`<section part="section capabilities" class="capabilities" aria-labelledby="toile-card-capabilities">
    <h3 id="toile-card-capabilities">${CAPABILITY_TEXT.heading[lang]}</h3>
    <p class="intro">${CAPABILITY_TEXT.intro[lang]}</p>
    <ul class="capability-list">
      ${shown.map((c) => renderCapability(c, ctx))}
    </ul>
  </section>`;
}
