/** Numbers, percentages and euros as the simulator shows them, in the page's language. */
import type { WidgetLang } from '../base/i18n.ts';

const locale = (lang: WidgetLang) => (lang === 'fr' ? 'fr-FR' : 'en-GB');
export const num = (value: number, lang: WidgetLang, digits = 0) => value.toLocaleString(locale(lang), { maximumFractionDigits: digits });
export const pct = (value: number, lang: WidgetLang) => `${num(value * 100, lang, value * 100 < 10 ? 1 : 0)} %`;
export const euros = (value: number, lang: WidgetLang) =>
  new Intl.NumberFormat(locale(lang), { style: 'currency', currency: 'EUR', notation: 'compact', maximumFractionDigits: 1 }).format(value);
