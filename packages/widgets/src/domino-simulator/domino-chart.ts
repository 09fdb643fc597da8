/**
 * The simulator's chart: the waves of a cascade, the bands of loss of the IIM or the jobs at risk
 * day by day of the DIIM, in SVG, each with its data as a table (the text alternative).
 */
import { html, svg, type TemplateResult } from 'lit';
import type { WidgetLang } from '../base/i18n.ts';
import type { LoadedToile } from '../data/toile-data.component.ts';
import type { DominoRunResult } from './domino-simulator.component.ts';
import { num } from './domino-format.ts';
import { T } from './domino-simulator.strings.ts';

/** Waves (cascade), bands of loss (IIM) or jobs at risk per day (DIIM), with a data table as text alternative. */
export function dominoChart(result: DominoRunResult, loaded: LoadedToile | undefined, lang: WidgetLang): TemplateResult {
  const { outcome } = result;
  if (result.model === 'cascade') {
    const counts = new Array<number>(outcome.totals.iterations + 1).fill(0);
    for (const r of outcome.results) if (r.failed && r.round !== undefined && r.round < counts.length) counts[r.round]!++;
    return barChart(
      T.rounds[lang],
      T.roundsX[lang],
      T.roundsY[lang],
      counts.map((value, k) => ({ label: String(k), value })),
      lang,
    );
  }
  if (result.model === 'iim') {
    const bands = [
      { label: '< 10 %', value: 0 },
      { label: '10–50 %', value: 0 },
      { label: '≥ 50 %', value: 0 },
    ];
    for (const r of outcome.results) bands[r.inoperability >= 0.5 ? 2 : r.inoperability >= 0.1 ? 1 : 0]!.value++;
    return barChart(T.bands[lang], T.loss[lang], T.roundsY[lang], bands, lang);
  }
  // DIIM: Σ employees × inoperability per day over the establishments listed (the affected ones).
  const days = outcome.results[0]?.trajectory?.length ?? 0;
  const series = new Array<number>(days).fill(0);
  for (const r of outcome.results) {
    const node = loaded?.index.nodeOf.get(r.id);
    const employees = node === undefined ? Number.NaN : loaded!.index.employees[node]!;
    if (!r.trajectory || Number.isNaN(employees)) continue;
    r.trajectory.forEach((q, day) => (series[day]! += employees * q));
  }
  return lineChart(T.trajectory[lang], T.day[lang], T.jobs[lang], series, lang);
}

function barChart(title: string, xLabel: string, yLabel: string, bars: { label: string; value: number }[], lang: WidgetLang): TemplateResult {
  const [W, H, L, R, TOP, B] = [360, 170, 44, 10, 12, 40];
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = (W - L - R) / Math.max(1, bars.length);
  const y = (v: number) => TOP + (1 - v / max) * (H - TOP - B);
  const summary = `${title} : ${bars.map((b) => `${b.label} → ${num(b.value, lang)}`).join(' ; ')}`;
  return figure(
    title,
    summary,
    html`<svg part="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label=${summary}>
      ${bars.map(
        (b, k) =>
          svg`<rect class="bar" x=${L + k * slot + slot * 0.15} y=${y(b.value)} width=${slot * 0.7} height=${H - B - y(b.value)}></rect>
          <text x=${L + k * slot + slot / 2} y=${H - B + 13} text-anchor="middle">${b.label}</text>
          <text x=${L + k * slot + slot / 2} y=${y(b.value) - 3} text-anchor="middle">${num(b.value, lang)}</text>`,
      )}
      ${axes(W, H, L, R, TOP, B, max, xLabel, yLabel, lang)}
    </svg>`,
    [xLabel, yLabel],
    bars.map((b) => [b.label, num(b.value, lang)]),
    lang,
  );
}

function lineChart(title: string, xLabel: string, yLabel: string, series: number[], lang: WidgetLang): TemplateResult {
  const [W, H, L, R, TOP, B] = [360, 170, 44, 10, 12, 40];
  const max = Math.max(1, ...series);
  const last = Math.max(1, series.length - 1);
  const x = (d: number) => L + (d / last) * (W - L - R);
  const y = (v: number) => TOP + (1 - v / max) * (H - TOP - B);
  const points = series.map((v, d) => `${x(d).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  let peakDay = 0;
  series.forEach((v, d) => (v > series[peakDay]! ? (peakDay = d) : 0));
  const summary = `${title} : ${T.day[lang]} 0 → ${num(series[0] ?? 0, lang)} ; ${T.peak[lang]} ${T.day[lang].toLowerCase()} ${peakDay} → ${num(series[peakDay] ?? 0, lang)} ; ${T.day[lang].toLowerCase()} ${series.length - 1} → ${num(series[series.length - 1] ?? 0, lang)}`;
  return figure(
    title,
    summary,
    html`<svg part="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label=${summary}>
      <polyline class="series" points=${points}></polyline>
      <text x=${L} y=${H - B + 13} text-anchor="middle">0</text>
      <text x=${W - R} y=${H - B + 13} text-anchor="end">${series.length - 1}</text>
      ${axes(W, H, L, R, TOP, B, max, xLabel, yLabel, lang)}
    </svg>`,
    [xLabel, yLabel],
    series.map((v, d) => [String(d), num(v, lang)]),
    lang,
  );
}

/** The two axes, the largest value and the axis labels (W × H, margins L, R, TOP, B). */
function axes(
  W: number,
  H: number,
  L: number,
  R: number,
  TOP: number,
  B: number,
  max: number,
  xLabel: string,
  yLabel: string,
  lang: WidgetLang,
): TemplateResult {
  return svg`<line class="axis" x1=${L} y1=${H - B} x2=${W - R} y2=${H - B}></line>
    <line class="axis" x1=${L} y1=${TOP} x2=${L} y2=${H - B}></line>
    <text x=${L - 4} y=${TOP + 4} text-anchor="end">${num(max, lang)}</text>
    <text x=${L - 4} y=${H - B} text-anchor="end">0</text>
    <text x=${(L + W - R) / 2} y=${H - 6} text-anchor="middle">${xLabel}</text>
    <text transform="rotate(-90)" x=${-(TOP + H - B) / 2} y="11" text-anchor="middle">${yLabel}</text>`;
}

/** The chart with its caption, and its data as a table under a disclosure. */
function figure(title: string, summary: string, chart: TemplateResult, head: [string, string], rows: string[][], lang: WidgetLang): TemplateResult {
  return html`<figure>
    <figcaption>${title}</figcaption>
    ${chart}
    <details>
      <summary>${T.chartData[lang]}</summary>
      <div class="scroll">
        <table aria-label=${summary}>
          <thead>
            <tr>
              <th scope="col">${head[0]}</th>
              <th scope="col" class="number">${head[1]}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              ([a, b]) =>
                html`<tr>
                  <td>${a}</td>
                  <td class="number">${b}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>
  </figure>`;
}
