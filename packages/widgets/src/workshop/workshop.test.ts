/// <reference types="mocha" />
/**
 * <toile-workshop> against a real @toile/server (PGlite, the sample territory) reached through the test
 * server's `/toile-api/<name>` proxy (scripts/wtr-toile-server.mjs): a workshop opened, one flow
 * confirmed, one corrected, one added; the report and its CSV; the territory read back through the API.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { createToileClient, type ToileClient } from '@toile/sdk';
import './workshop.ts';
import type { ToileWorkshop, WorkshopChangeDetail } from './workshop.component.ts';
import { startToileServer } from '../base/toile-server.fixture.ts';

interface TestServer {
  api: string;
  token: string;
  territory: string;
}

let server: TestServer;
let agency: ToileClient;
before(async function () {
  this.timeout(120000);
  server = await startToileServer<TestServer, { name: string }>({ name: 'workshop' });
  agency = createToileClient({ baseURL: server.api, token: server.token, retry: 0 });
});

async function mount(template: ReturnType<typeof html>): Promise<{ el: ToileWorkshop; root: ShadowRoot }> {
  const el = await fixture<ToileWorkshop>(template);
  el.api = server.api;
  el.territory = server.territory;
  el.token = server.token;
  await el.updateComplete;
  return { el, root: el.shadowRoot! };
}

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Types into a field by keyboard, replacing what it held. */
async function fill(root: ShadowRoot, selector: string, value: string): Promise<void> {
  const input = root.querySelector<HTMLInputElement>(selector)!;
  input.focus();
  input.select();
  await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: value });
}

function choose(root: ShadowRoot, selector: string, value: string): void {
  const select = root.querySelector<HTMLSelectElement>(selector)!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

async function change(el: ToileWorkshop, act: () => unknown): Promise<WorkshopChangeDetail> {
  const event = oneEvent(el, 'toile-workshop-change');
  await act();
  const detail = (await event).detail as WorkshopChangeDetail;
  await el.updateComplete;
  return detail;
}

/** A CSV text's rows (no quoted delimiters in these tests). */
const csvRows = (csv: string, delimiter: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((l) => l.split(delimiter));

describe('<toile-workshop>', () => {
  it('opens a workshop, confirms one flow, corrects one (shares checked in the form), adds one; the report lists the three and its CSV matches', async () => {
    const { el, root } = await mount(html`<toile-workshop establishment="peinture-navale"></toile-workshop>`);
    await fill(root, 'input[name="label"]', 'Atelier revêtements');
    root.querySelector<HTMLInputElement>('input[name="date"]')!.value = '2026-03-12';
    const opened = await change(el, () => root.querySelector<HTMLButtonElement>('[data-action="open"]')!.click());
    expect(opened).to.deep.equal({ workshop: el.workshop, action: 'open', flow: null, op: null });
    expect(el.workshop).to.match(/^atelier-2026-03-12-/);
    expect(el.getAttribute('workshop')).to.equal(el.workshop);
    const workshop = el.workshop!;

    // Flow 1 of 2 (incoming paints): confirmed as it is.
    expect(text(root.querySelector('.position'))).to.equal('Flux 1 sur 2');
    expect(root.querySelector<HTMLElement>('[part="flow"]')!.dataset['flow']).to.equal('f057');
    root.querySelector<HTMLButtonElement>('[data-action="confirm"]')!.focus();
    expect(await change(el, () => sendKeys({ press: 'Enter' }))).to.deep.equal({ workshop, action: 'confirm', flow: 'f057', op: 'update' });

    // Flow 2: a share over 1 is refused in the form, nothing sent; then corrected.
    root.querySelector<HTMLButtonElement>('[data-action="next"]')!.click();
    await el.updateComplete;
    expect(root.querySelector<HTMLElement>('[part="flow"]')!.dataset['flow']).to.equal('f104');
    await waitUntil(() => root.activeElement?.id === 'flow-heading', 'focus on the new flow');
    await fill(root, '#fix-value', '14000');
    await fill(root, '#fix-upstream', '1,5');
    root.querySelector<HTMLButtonElement>('[data-action="correct"]')!.click();
    await el.updateComplete;
    const upstream = root.querySelector<HTMLInputElement>('#fix-upstream')!;
    expect(upstream.getAttribute('aria-invalid')).to.equal('true');
    expect(text(root.querySelector('#fix-upstream-error'))).to.equal('Une part entre 0 et 1 (0,25 pour un quart).');
    expect(root.activeElement).to.equal(upstream);
    expect(el.report).to.have.length(1);
    await fill(root, '#fix-upstream', '0,2');
    await fill(root, '#fix-comment', 'chiffres 2026');
    expect(await change(el, () => root.querySelector<HTMLButtonElement>('[data-action="correct"]')!.click())).to.deep.include({
      action: 'correct',
      flow: 'f104',
      op: 'update',
    });

    // A missing flow: steel sheets from the steelworks.
    choose(root, '#add-partner', 'acierie');
    choose(root, '#add-kind', 'supply');
    await fill(root, '#add-item', 'Tôles d’acier');
    await fill(root, '#add-value', '300');
    choose(root, '#add-unit', 't/yr');
    const added = await change(el, () => root.querySelector<HTMLButtonElement>('[data-action="add"]')!.click());
    expect(added).to.deep.include({ action: 'add', op: 'create' });
    const newId = added.flow!;

    // The report: confirmed, corrected (fields before → after), added.
    expect(el.report.map((r) => `${r.action}:${r.id}`)).to.deep.equal(['confirmed:f057', 'corrected:f104', `added:${newId}`]);
    const rows = [...root.querySelectorAll<HTMLTableRowElement>('[part="report-table"] tbody tr')];
    expect(rows.map((r) => `${r.dataset['action']}:${r.dataset['id']}`)).to.deep.equal(['confirmed:f057', 'corrected:f104', `added:${newId}`]);
    expect(text(rows[1]!.querySelector('[data-field="quantity"]'))).to.equal('Quantité : 12 000 h/yr → 14 000 h/yr');
    expect(text(rows[1])).to.contain('chiffres 2026');
    expect(text(rows[2])).to.contain('Aciérie de l’Estuaire → Revêtements Navals de la Vire : Tôles d’acier');

    // The CSV says the same: one line per confirmation and addition, one per field corrected.
    const csv = csvRows(el.reportCsv(), ',');
    expect(csv[0]).to.deep.equal([
      'seq',
      'date',
      'action',
      'type_enregistrement',
      'id',
      'de_id',
      'de',
      'vers_id',
      'vers',
      'objet',
      'champ',
      'avant',
      'apres',
      'commentaire',
    ]);
    expect(csv.slice(1).map((c) => c.slice(2, 5).concat(c.slice(10)).join('|'))).to.deep.equal([
      'confirmé|flow|f057||||',
      'corrigé|flow|f104|quantity.value|12000|14000|chiffres 2026',
      'corrigé|flow|f104|dependency.upstream|0.1|0.2|chiffres 2026',
      `ajouté|flow|${newId}||||`,
    ]);
    expect(csv[4]!.slice(5, 10)).to.deep.equal(['acierie', 'Aciérie de l’Estuaire', 'peinture-navale', 'Revêtements Navals de la Vire', 'Tôles d’acier']);
    expect(csv.slice(1).map((c) => Number(c[0]))).to.deep.equal(el.report.flatMap((r) => (r.action === 'corrected' ? [r.seq, r.seq] : [r.seq])));
    el.csvDelimiter = ';';
    const excel = el.reportCsv();
    expect(excel.startsWith('\uFEFF')).to.equal(true);
    expect(csvRows(excel, ';')[3]!.slice(10, 13)).to.deep.equal(['dependency.upstream', '0,1', '0,2']);

    // The territory, read through the API.
    const doc = await agency.getTerritory(server.territory);
    expect(doc.flows.find((f) => f.id === 'f057')).to.deep.include({ validated: true, source: workshop });
    expect(doc.flows.find((f) => f.id === 'f104')).to.deep.include({
      quantity: { value: 14000, unit: 'h/yr' },
      dependency: { upstream: 0.2, downstream: 0.5 },
    });
    expect(doc.flows.find((f) => f.id === newId)).to.deep.include({ from: 'acierie', to: 'peinture-navale', kind: 'supply', confidentiality: 'confidential' });
  });

  it('prints the report alone (print stylesheet, window.print)', async () => {
    const { el, root } = await mount(html`<toile-workshop establishment="equipementier" workshop="atelier-2025"></toile-workshop>`);
    const print = window.print;
    let printed = 0;
    window.print = () => void printed++;
    try {
      root.querySelector<HTMLButtonElement>('[data-action="print"]')!.click();
      expect(printed).to.equal(1);
    } finally {
      window.print = print;
    }
    await emulateMedia({ media: 'print' });
    try {
      expect(getComputedStyle(root.querySelector('[part="walk"]')!).display).to.equal('none');
      expect(getComputedStyle(root.querySelector('[part="report-actions"]')!).display).to.equal('none');
      expect(getComputedStyle(root.querySelector('[part="report"]')!).display).to.equal('block');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
    expect(el.workshop).to.equal('atelier-2025');
  });

  it('speaks English with lang="en", is accessible (axe) and keeps the token out of the markup', async () => {
    const { el, root } = await mount(html`<toile-workshop lang="en" establishment="equipementier" workshop="atelier-2025"></toile-workshop>`);
    expect(text(root.querySelector('.position'))).to.equal('Flow 1 of 2');
    expect(text(root.querySelector('[data-action="confirm"]'))).to.equal('Confirm this flow as it is');
    await fill(root, '#fix-downstream', '-0.5');
    root.querySelector<HTMLButtonElement>('[data-action="correct"]')!.click();
    await el.updateComplete;
    expect(text(root.querySelector('#fix-downstream-error'))).to.equal('A share between 0 and 1 (0.25 for a quarter).');
    await expect(el).to.be.accessible();
    expect(el.outerHTML).not.to.contain(server.token);
    expect(el.hasAttribute('token')).to.equal(false);
  });

  it('works under a strict Content-Security-Policy (no inline script or style, no eval)', async () => {
    const policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:";
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe
        title="csp"
        style="width: 900px; height: 600px"
        srcdoc=${`<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${policy}">
        <script type="module" src="/packages/widgets/src/workshop/workshop.ts"></script></head>
        <body><toile-workshop api="${server.api}" territory="${server.territory}" establishment="constructeur-auto" workshop="atelier-2025"></toile-workshop></body></html>`}
      ></iframe>`,
    );
    await waitUntil(() => frame.contentWindow?.customElements.get('toile-workshop'), 'frame loaded', { timeout: 10000 });
    const violations: string[] = [];
    frame.contentDocument!.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const el = frame.contentDocument!.querySelector('toile-workshop') as ToileWorkshop;
    el.token = server.token;
    await waitUntil(() => el.shadowRoot?.querySelector('[data-action="confirm"]'), 'walk under CSP', { timeout: 10000 });
    // f021 is already confirmed in this workshop: nothing changes, and the element says so.
    const unchanged = oneEvent(el, 'toile-workshop-change');
    (el.shadowRoot!.querySelector('[data-action="confirm"]') as HTMLButtonElement).click();
    expect((await unchanged).detail).to.deep.include({ flow: 'f021', op: 'unchanged' });
    await waitUntil(() => text(el.shadowRoot!.querySelector('[role="status"]')).includes('rien n’a changé'), 'unchanged announced');
    (el.shadowRoot!.querySelector('[data-action="next"]') as HTMLButtonElement).click();
    await el.updateComplete;
    (el.shadowRoot!.querySelector('[data-action="confirm"]') as HTMLButtonElement).click();
    await waitUntil(() => el.report.some((r) => r.id === 'f231' && r.action === 'confirmed'), 'confirmed under CSP', { timeout: 10000 });
    await el.updateComplete;
    expect(frame.contentWindow!.getComputedStyle(el.shadowRoot!.querySelector('table')!).borderCollapse).to.equal('collapse');
    expect(violations).to.deep.equal([]);
    expect(() => (frame.contentWindow as unknown as { eval: (code: string) => unknown }).eval('1 + 1')).to.throw();
  });
});
