import type {
  ToileCompanyCard,
  SelectDetail,
  ToileData,
  DataChangeDetail,
  DataErrorDetail,
  SelectionChangeDetail,
  HighlightDetail,
  OverlayChangeDetail,
  ToileDeclarationForm,
  DeclarationSubmitDetail,
  DeclarationErrorDetail,
  ToileDominoSimulator,
  DominoResultDetail,
  DominoErrorDetail,
  ToileModeration,
  ModerationDecideDetail,
  ModerationErrorDetail,
  ToileNetwork,
  NetworkReadyDetail,
  NetworkLayoutDetail,
  ToileSynergyFinder,
  SynergySelectDetail,
  PoolingSelectDetail,
  CapabilitySelectDetail,
  SynergyQueryDetail,
  ToileWorkshop,
  WorkshopChangeDetail,
  WorkshopErrorDetail,
} from "@toile/widgets";

/**
 * This type can be used to create scoped tags for your components.
 *
 * Usage:
 *
 * ```ts
 * import type { ScopedElements } from "path/to/library/jsx-integration";
 *
 * declare module "my-library" {
 *   namespace JSX {
 *     interface IntrinsicElements
 *       extends ScopedElements<'test-', ''> {}
 *   }
 * }
 * ```
 *
 */
export type ScopedElements<Prefix extends string = "", Suffix extends string = ""> = {
  [Key in keyof CustomElements as `${Prefix}${Key}${Suffix}`]: CustomElements[Key];
};

type BaseProps = {
  /** Content added between the opening and closing tags of the element */
  children?: any;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  class?: string;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  className?: string;
  /** Takes an object where the key is the class name(s) and the value is a boolean expression. When true, the class is applied, and when false, it is removed. */
  classList?: Record<string, boolean | undefined>;
  /** Specifies the text direction of the element. */
  dir?: "ltr" | "rtl";
  /** Contains a space-separated list of the part names of the element that should be exposed on the host element. */
  exportparts?: string;
  /** For <label> and <output>, lets you associate the label with some control. */
  htmlFor?: string;
  /** Specifies whether the element should be hidden. */
  hidden?: boolean | string;
  /** A unique identifier for the element. */
  id?: string;
  /** Keys tell React which array item each component corresponds to */
  key?: string | number;
  /** Specifies the language of the element. */
  lang?: string;
  /** Contains a space-separated list of the part names of the element. Part names allows CSS to select and style specific elements in a shadow tree via the ::part pseudo-element. */
  part?: string;
  /** Use the ref attribute with a variable to assign a DOM element to the variable once the element is rendered. */
  ref?: unknown | ((e: unknown) => void);
  /** Adds a reference for a custom element slot */
  slot?: string;
  /** Prop for setting inline styles */
  style?: Record<string, string | number>;
  /** Overrides the default Tab button behavior. Avoid using values other than -1 and 0. */
  tabIndex?: number;
  /** Specifies the tooltip text for the element. */
  title?: string;
  /** Passing 'no' excludes the element content from being translated. */
  translate?: "yes" | "no";
};

type BaseEvents = {};

export type ToileCompanyCardProps = {
  /** Id of the establishment to show; without it, the shared selection is shown. */
  establishment?: ToileCompanyCard["establishment"];
  /** Id of the `<toile-data>` to use when the card is not inside it. */
  source?: ToileCompanyCard["source"];
  /** Address of a partner's card, `{id}` standing for its id (URL-encoded): partners are links that
open in a new tab with the browser's usual gestures, while a plain click selects in place.
Default `?id={id}` (this page, with the partner selected by a page that reads `?id=`). */
  "partner-href"?: ToileCompanyCard["partnerHref"];
  /** The establishment shown now (`establishment`, else the shared selection), or null. */
  shownId?: ToileCompanyCard["shownId"];
  /** Local anchoring of the establishment shown, as the SDK computes it (null when unknown or outside). */
  anchoring?: ToileCompanyCard["anchoring"];
  /** Critical dependencies of the establishment shown, as the SDK computes them, most critical first. */
  dependencies?: ToileCompanyCard["dependencies"];
  /** Productive capabilities of the establishment shown that the page's audience may see, as listed. */
  capabilities?: ToileCompanyCard["capabilities"];
  /** a partner was chosen; `detail: { id }` (bubbles, composed, cancelable: cancelling it keeps the shared selection as it is). */
  "ontoile-select"?: (e: CustomEvent<SelectDetail>) => void;
};

export type ToileDataProps = {
  /** URL of a Toile JSON document, or of a CSV data package's `datapackage.json`. */
  src?: ToileData["src"];
  /** Base URL of a Toile HTTP API (used with `territory`). */
  api?: ToileData["api"];
  /** Territory id to fetch from `api`. */
  territory?: ToileData["territory"];
  /** Who the page is for. `public` (default) removes partner-level and confidential records;
`partners` keeps partner-level ones; `internal` shows everything and must be chosen explicitly. */
  audience?: ToileData["audience"];
  /** Id of the selected establishment, shared by every widget. Reflected for CSS. */
  selected?: ToileData["selected"];
  /** The document given directly, instead of `src`. */
  data?: ToileData["data"];
  /** Establishments other widgets should bring forward (a synergy's two partners, say). */
  highlighted?: ToileData["highlighted"];
  /** The loaded document, index and validation report, once ready. */
  value?: ToileData["value"];
  /** True when the last load failed (the element itself says why); widgets then stop saying "loading". */
  failed?: ToileData["failed"];
  /** The overlay painted by every `<toile-network>` of this source (nested, or pointing here by
`source`, including networks added later); undefined when none. Set it with setOverlay. */
  overlay?: ToileData["overlay"];
  /** the document was (re)loaded; `detail: { establishments, flows }`. */
  "ontoile-data-change"?: (e: CustomEvent<DataChangeDetail>) => void;
  /** the data could not be loaded or read; `detail: { message }`. */
  "ontoile-data-error"?: (e: CustomEvent<DataErrorDetail>) => void;
  /** the selected establishment changed; `detail: { id }`. */
  "ontoile-selection-change"?: (e: CustomEvent<SelectionChangeDetail>) => void;
  /** the highlighted establishments changed (a synergy's two partners, say); `detail: { ids }`. */
  "ontoile-highlight-change"?: (e: CustomEvent<HighlightDetail>) => void;
  /** the shared overlay was set or cleared (see `setOverlay`); `detail: { overlay }`, undefined when cleared. */
  "ontoile-overlay-change"?: (e: CustomEvent<OverlayChangeDetail>) => void;
};

export type ToileDeclarationFormProps = {
  /** Root of the Toile API (`https://toile.example/api`); http(s) only. Reflected. */
  api?: ToileDeclarationForm["api"];
  /** Id of the territory declared to. Reflected. */
  territory?: ToileDeclarationForm["territory"];
  /** Invitation token of a personal link (`inv_…`); otherwise read from the page's `#invitation=…`. Never reflected. */
  invitation?: ToileDeclarationForm["invitation"];
  /** An address search (`https://api-adresse.data.gouv.fr/search/`): none by default, and no other geocoder is ever called. Reflected. */
  geocoder?: ToileDeclarationForm["geocoder"];
  /** A tile URL template (`https://…/{z}/{x}/{y}.png`) for the map: without it, no map and no tile server. Reflected. */
  basemap?: ToileDeclarationForm["basemap"];
  /** The tiles' credit, shown as text under the map. Reflected. */
  "basemap-attribution"?: ToileDeclarationForm["basemapAttribution"];
  /** The agency's privacy policy (http(s)), linked from the notice. Reflected. */
  "privacy-policy"?: ToileDeclarationForm["privacyPolicy"];
  /** The declaration the form would send now (built from what is typed, checked or not). */
  declaration?: ToileDeclarationForm["declaration"];
  /** True when an invitation token will be sent with the declaration. */
  invited?: ToileDeclarationForm["invited"];
  /** the declaration was received; `detail: { id, records, status }`. */
  "ontoile-declaration-submit"?: (e: CustomEvent<DeclarationSubmitDetail>) => void;
  /** the declaration was not sent or was refused; `detail: { kind, status, message, problems, retryAfter }`. */
  "ontoile-declaration-error"?: (e: CustomEvent<DeclarationErrorDetail>) => void;
};

export type ToileDominoSimulatorProps = {
  /** Id of the `<toile-data>` to use when not nested in it. */
  source?: ToileDominoSimulator["source"];
  /** `cascade` (threshold), `iim` or `diim` (dynamic, with recovery). */
  model?: ToileDominoSimulator["model"];
  /** Cascade failure threshold, 0–1 (default 0.5). */
  threshold?: ToileDominoSimulator["threshold"];
  /** DIIM: days for an isolated establishment to recover to 1 % of its loss (default 30). */
  "recovery-days"?: ToileDominoSimulator["recoveryDays"];
  /** Share of activity the chosen sites lose, 0–1 (default 1: closure). */
  shock?: ToileDominoSimulator["shock"];
  /** From this many establishments on, simulations run in a Web Worker (default 2000). */
  "worker-threshold"?: ToileDominoSimulator["workerThreshold"];
  /** How many closures the systemic ranking lists (default 20). */
  "rank-top"?: ToileDominoSimulator["rankTop"];
  /** The systemic ranking includes outside partners (`external: true`), marked (default false: the territory only). */
  "include-external"?: ToileDominoSimulator["includeExternal"];
  /** Ids of the establishments to close (or shock). */
  closed?: ToileDominoSimulator["closed"];
  /** Creates the module worker. The default resolves `./domino.worker.ts` next to this module, which
dev servers and bundlers handle; a host with another build can point it elsewhere. */
  workerFactory?: ToileDominoSimulator["workerFactory"];
  /** Where the last simulation or ranking ran: `worker`, `main`, or undefined before any. */
  lastRunIn?: ToileDominoSimulator["lastRunIn"];
  /** What the element is doing: `idle`, `running` a simulation, or `ranking`. */
  status?: ToileDominoSimulator["status"];
  /** The last result (plain data), or undefined. */
  result?: ToileDominoSimulator["result"];
  /** The last systemic ranking, best first, or undefined. */
  ranking?: ToileDominoSimulator["ranking"];
  /** a simulation finished; `detail: { model, closed, affected, jobs }`. */
  "ontoile-domino-result"?: (e: CustomEvent<DominoResultDetail>) => void;
  /** a run could not start or failed; `detail: { code, details }`. */
  "ontoile-domino-error"?: (e: CustomEvent<DominoErrorDetail>) => void;
  /** an establishment of the results was chosen; `detail: { id }`. */
  "ontoile-select"?: (e: CustomEvent<SelectDetail>) => void;
};

export type ToileModerationProps = {
  /** Root of the Toile API (`https://toile.example.org/api`, or a path on the page's origin). Reflected. */
  api?: ToileModeration["api"];
  /** Id of the territory moderated. Reflected. */
  territory?: ToileModeration["territory"];
  /** `pending` (default): the declarations waiting; `decided`: those fully decided. Reflected. */
  status?: ToileModeration["status"];
  /** The agency's bearer token. Set it as a property; it is never reflected, logged or sent anywhere but the API. */
  token?: ToileModeration["token"];
  /** The declarations shown now (oldest first). */
  declarations?: ToileModeration["declarations"];
  /** the server recorded decisions; `detail: { declaration, decisions, status }`. */
  "ontoile-moderation-decide"?: (e: CustomEvent<ModerationDecideDetail>) => void;
  /** a call failed; `detail: { declaration, status, kind }`. */
  "ontoile-moderation-error"?: (e: CustomEvent<ModerationErrorDetail>) => void;
};

export type ToileNetworkProps = {
  /** Id of the `<toile-data>` to use when not nested in it. */
  source?: ToileNetwork["source"];
  /** `geo` (from coordinates, with the territory outline and places), `force` (fcose), `sector`
(labelled blocks by first sector) or `chain` (columns by stage along the flows: sources,
processing, users, recovery). */
  layout?: ToileNetwork["layout"];
  /** Upstream and downstream depth highlighted around the selection (1–5). */
  depth?: ToileNetwork["depth"];
  /** Show outside partners (default true; `show-external="false"` hides them). */
  "show-external"?: ToileNetwork["showExternal"];
  /** What node size stands for: `employees`, exchanged `value`, or `none`. */
  "size-by"?: ToileNetwork["sizeBy"];
  /** What node colour stands for: `sector` (default; an overlay paints over it while one is set) or
`kinship`: each establishment by its relatedness to the selected one (the SDK's `relatedness`,
0–1, pale to dark), with its own legend; nothing is dimmed, and an overlay is set aside meanwhile. */
  "color-by"?: ToileNetwork["colorBy"];
  /** `canvas` (default) or `webgl` (cytoscape's WebGL mode; the canvas renderer where the browser has no WebGL 2). */
  renderer?: ToileNetwork["renderer"];
  /** Raster tiles under the geographic layout: an XYZ URL template (`https://…/{z}/{x}/{y}.png`). Off
by default: no request leaves the page unless it sets one (the page's CSP then needs the tile
host in `img-src`). */
  basemap?: ToileNetwork["basemap"];
  /** The tiles' credit, shown over the map and in exports (plain text), e.g. `© IGN`. */
  "basemap-attribution"?: ToileNetwork["basemapAttribution"];
  /** Preset positions by establishment id (from a previous layout or a GIS): used by the `force`
layout instead of computing one, which makes large networks appear at once. */
  positions?: ToileNetwork["positions"];
  /** The cytoscape instance, once drawn (for advanced use; undefined until visible). */
  cytoscape?: ToileNetwork["cytoscape"];
  /** How the overlay is painted: node styles (`style`) up to 2,000 establishments; above, a canvas
layer over the graph (`layer`), so that painting a result never makes cytoscape redraw the whole
network (~0.5 s for 10k nodes and 30k edges without a GPU). */
  overlayMode?: ToileNetwork["overlayMode"];
  /** Whether the view aggregates (above 3,000 establishments or 8,000 merged flows): establishments
grouped by commune (map), sector or stage, and grid cell, opened by zooming or clicking a group. */
  aggregated?: ToileNetwork["aggregated"];
  /** The values painted by setOverlay, or undefined when cleared. */
  overlayValues?: ToileNetwork["overlayValues"];
  /** The kinship scores painted in the `kinship` colour mode, once computed (undefined otherwise). */
  kinshipScores?: ToileNetwork["kinshipScores"];
  /** Names shown on the canvas right now (the label layer's, in screen pixels). */
  shownLabels?: ToileNetwork["shownLabels"];
  /** an establishment was chosen; `detail: { id }`. */
  "ontoile-select"?: (e: CustomEvent<SelectDetail>) => void;
  /** the graph was drawn; `detail: { nodes, edges, ms }` (ms from data to first frame). */
  "ontoile-network-ready"?: (e: CustomEvent<NetworkReadyDetail>) => void;
  /** the force layout moved the establishments (it streams positions from a worker on large networks); `detail: { done, ms }` (ms since the layout started). */
  "ontoile-network-layout"?: (e: CustomEvent<NetworkLayoutDetail>) => void;
};

export type ToileSynergyFinderProps = {
  /** Id of the `<toile-data>` to use when not nested in it. */
  source?: ToileSynergyFinder["source"];
  /** `synergies` (default): offers that could meet needs; `capabilities`: who could make a product or master a process. Reflected. */
  mode?: ToileSynergyFinder["mode"];
  /** Id of the establishment whose offers and needs are matched; without it, the whole territory. */
  establishment?: ToileSynergyFinder["establishment"];
  /** A material: `family:ID` (or a bare family id), `ewc:100202` (or EWC digits, chapters and sub-chapters too), or any `scheme:code`. */
  material?: ToileSynergyFinder["material"];
  /** Id of one declared need (or of a flow from outside): candidates for it alone. */
  need?: ToileSynergyFinder["need"];
  /** Candidates farther apart are left out (default 20 km). */
  "radius-km"?: ToileSynergyFinder["radiusKm"];
  /** Best candidates shown (default 20). */
  top?: ToileSynergyFinder["top"];
  /** Leave out inputs bought outside the territory (matched by default). */
  "exclude-outside"?: ToileSynergyFinder["excludeOutside"];
  /** Leave out candidates involving hazardous waste. */
  "hide-hazardous"?: ToileSynergyFinder["hideHazardous"];
  /** CSV delimiter: `,` (default) or `;` (decimal commas and a byte-order mark, for Excel in French). */
  "csv-delimiter"?: ToileSynergyFinder["csvDelimiter"];
  /** Capabilities mode: a process of the vocabulary (`din8580:4.6`, `testing:ndt`); wins over `product`. Reflected. */
  process?: ToileSynergyFinder["process"];
  /** Capabilities mode: a product code (`cpa:25.62`, `hs:8483`, `naf:25.62A`). Reflected. */
  product?: ToileSynergyFinder["product"];
  /** Capabilities mode: distances from this establishment (default: the territory's centre). Reflected. */
  near?: ToileSynergyFinder["near"];
  /** Capabilities mode: establishments farther away (or not located) are left out; no radius by default. */
  "capability-radius-km"?: ToileSynergyFinder["capabilityRadiusKm"];
  /** The candidates shown now (best first); empty until the data is loaded. */
  candidates?: ToileSynergyFinder["candidates"];
  /** The pooling candidates shown now (largest groups first). */
  poolingCandidates?: ToileSynergyFinder["poolingCandidates"];
  /** Capabilities mode: the establishments that could make what is asked, best first (empty until the mode and the data are loaded). */
  makers?: ToileSynergyFinder["makers"];
  /** Capabilities mode: the spare capacity that meets what is asked, the closest match first. */
  spareOffers?: ToileSynergyFinder["spareOffers"];
  /** a candidate was chosen; `detail: { offerId, needId, from, to }` (plain ids). */
  "ontoile-synergy-select"?: (e: CustomEvent<SynergySelectDetail>) => void;
  /** establishments to highlight together; `detail: { ids }` (both partners, or a pooling group). `<toile-data>` hears it (or is told directly when named by `source`) and shares it as `highlighted`. */
  "ontoile-highlight"?: (e: CustomEvent<HighlightDetail>) => void;
  /** a pooling candidate was chosen; `detail: { key, leader, establishments, needs }`. */
  "ontoile-pooling-select"?: (e: CustomEvent<PoolingSelectDetail>) => void;
  /** the partner now selected; `detail: { id }`. */
  "ontoile-select"?: (e: CustomEvent<SelectDetail>) => void;
  /** an establishment was chosen in the capabilities mode; `detail: { establishment, capability, process, product }`. */
  "ontoile-capability-select"?: (e: CustomEvent<CapabilitySelectDetail>) => void;
  /** the user changed a setting; `detail: { mode, establishment, material, need, radiusKm, top, process, product, near, capabilityRadiusKm }`. */
  "ontoile-synergy-query"?: (e: CustomEvent<SynergyQueryDetail>) => void;
};

export type ToileWorkshopProps = {
  /** Root of the Toile API. Reflected. */
  api?: ToileWorkshop["api"];
  /** Id of the territory. Reflected. */
  territory?: ToileWorkshop["territory"];
  /** Id of the establishment whose flows are walked through. Reflected. */
  establishment?: ToileWorkshop["establishment"];
  /** Id of the workshop (a `workshop` source); set when one is opened or picked. Reflected. */
  workshop?: ToileWorkshop["workshop"];
  /** CSV delimiter of the report: `,` (default) or `;` (decimal commas and a byte-order mark, for Excel in French). */
  "csv-delimiter"?: ToileWorkshop["csvDelimiter"];
  /** The agency's bearer token. Set it as a property; it is never reflected, logged or sent anywhere but the API. */
  token?: ToileWorkshop["token"];
  /** The establishment's flows, in the order walked through (the document's). */
  flows?: ToileWorkshop["flows"];
  /** The workshop report's rows, oldest first. */
  report?: ToileWorkshop["report"];
  /** The `workshop` sources of the territory. */
  workshops?: ToileWorkshop["workshops"];
  /** a workshop was opened or chosen, or a flow written; `detail: { workshop, action, flow, op }`. */
  "ontoile-workshop-change"?: (e: CustomEvent<WorkshopChangeDetail>) => void;
  /** a call failed; `detail: { action, status, kind }`. */
  "ontoile-workshop-error"?: (e: CustomEvent<WorkshopErrorDetail>) => void;
};

export type CustomElements = {
  /**
   * The card of one establishment: name, sector (NAF code and label), workforce, address, ESS badge,
   * status, sources and validation; its productive capabilities (process from the process vocabulary,
   * products, capacity, certifications, spare capacity offered to others); its suppliers and customers
   * grouped by flow kind with volumes and values; its local anchoring and critical dependencies, both computed by the SDK
   * (`localAnchoring`, `criticalDependencies` over the active flows, as `toile stats` does) once per
   * loaded document. Each partner is a link (`partner-href`): a plain click selects it for every
   * widget of the same `<toile-data>`, a ctrl/middle click opens its address in a new tab. Never loads cytoscape.
   *
   * Shows the establishment named by `establishment`, else the shared selection of its `<toile-data>`.
   * Records above the page's audience (`<toile-data audience>`) are never shown nor counted.
   * ---
   *
   *
   * ### **Events:**
   *  - **toile-select** - a partner was chosen; `detail: { id }` (bubbles, composed, cancelable: cancelling it keeps the shared selection as it is).
   *
   * ### **CSS Properties:**
   *  - **--toile-color-background** - background (light default #ffffff, dark #12161d). _(default: undefined)_
   * - **--toile-color-text** - text colour. _(default: undefined)_
   * - **--toile-color-muted** - secondary text. _(default: undefined)_
   * - **--toile-color-accent** - partner links, other links, badges and bars. _(default: undefined)_
   * - **--toile-color-border** - card border and bar tracks. _(default: undefined)_
   * - **--toile-color-danger** - error messages and the critical-dependency marker. _(default: undefined)_
   * - **--toile-radius** - corner radius. _(default: undefined)_
   * - **--toile-font-family** - font. _(default: undefined)_
   * - **--toile-font-size** - base font size. _(default: undefined)_
   * - **--toile-company-card-padding** - inner spacing of the card (default 1em 1.25em). _(default: undefined)_
   * - **--toile-company-card-max-width** - widest the card grows (default 46em). _(default: undefined)_
   * - **--toile-company-card-bar-color** - filled part of the anchoring bars (default: the accent colour). _(default: undefined)_
   * - **--toile-company-card-bar-track** - empty part of the anchoring bars (default: the border colour). _(default: undefined)_
   * - **--toile-company-card-spare-color** - marker and label of a spare capacity (default: the accent colour). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **card** - the card (an `article`).
   * - **heading** - the establishment's name (`h2`).
   * - **badges** - the line of badges under the name.
   * - **badge** - every badge (ESS, outside the territory, closed or planned).
   * - **badge-ess** - the ESS badge.
   * - **badge-status** - the closed / planned badge.
   * - **facts** - the list of facts (activity, workforce, address, sources, validation…).
   * - **validation** - the validation status.
   * - **website** - the web site link.
   * - **section** - each section (capabilities, suppliers, customers, anchoring, critical dependencies).
   * - **capabilities** - the productive capabilities section (shown only when there are some).
   * - **capability** - each capability.
   * - **process** - the process of a capability, named from the process vocabulary.
   * - **spare** - the spare capacity of a capability, offered to others (share, amount, period).
   * - **kind** - each group of partners of one flow kind.
   * - **partner** - each partner link.
   * - **external** - the “outside the territory” marker (beside a partner, or as a badge).
   * - **volume** - the quantity and value of a flow.
   * - **bar** - the track of an anchoring bar.
   * - **bar-fill** - the filled part of an anchoring bar (the local share).
   * - **critical** - each critical dependency.
   * - **status** - the loading, empty and error messages.
   */
  "toile-company-card": Partial<ToileCompanyCardProps & BaseProps & BaseEvents>;

  /**
   * The data source shared by every widget on the page. Give it `src` (a Toile JSON URL, or the URL of a
   * CSV data package's `datapackage.json`), `api` + `territory` (the Toile HTTP API), an inline
   * `<script type="application/json">` child, or the `.data` property. It validates the document,
   * keeps what the page's audience may see (public by default), builds the graph index once and holds
   * the shared selection.
   * ---
   *
   *
   * ### **Events:**
   *  - **toile-data-change** - the document was (re)loaded; `detail: { establishments, flows }`.
   * - **toile-data-error** - the data could not be loaded or read; `detail: { message }`.
   * - **toile-selection-change** - the selected establishment changed; `detail: { id }`.
   * - **toile-highlight-change** - the highlighted establishments changed (a synergy's two partners, say); `detail: { ids }`.
   * - **toile-overlay-change** - the shared overlay was set or cleared (see `setOverlay`); `detail: { overlay }`, undefined when cleared.
   *
   * ### **Methods:**
   *  - **highlight(ids: _readonly string[]_): _void_** - Brings establishments forward in every widget of this source (an empty list clears).
   * - **setOverlay(values: _ReadonlyMap<string, number> | undefined_, legend: _NetworkOverlayLegend_): _void_** - Paints values in 0–1 on the establishments of every `<toile-network>` of this source (a domino
   * result, say), with `legend` naming them; `undefined` clears. Fires `toile-overlay-change` at once,
   * so the networks are painted when this returns.
   * - **select(id: _string | null_): _void_** - Selects an establishment (or none) for every widget of this source.
   *
   * ### **CSS Parts:**
   *  - **status** - the loading or error line.
   */
  "toile-data": Partial<ToileDataProps & BaseProps & BaseEvents>;

  /**
   * The declaration form: a company declares its establishment (picked from the territory, or typed:
   * SIRET, name, NAF activity searched in French, location typed, found with the page's geocoder or
   * placed on a map), its offers and needs (kind, material by EWC code or family, quantity and unit,
   * availability) and its suppliers and customers (picked from the territory, or named), each with
   * its confidentiality level — confidential by default. It says what happens to the data, keeps a
   * draft in the browser (resumed after a reload, cleared on request or once sent) and sends the
   * declaration to the API (`POST /territories/{territory}/declarations`, with the invitation of a
   * personal link). The server's problems are put back on the fields and listed in an error summary.
   *
   * The invitation token comes from the `invitation` property or from the page's address
   * (`#invitation=inv_…`), which the form removes from the address bar at once.
   * ---
   *
   *
   * ### **Events:**
   *  - **toile-declaration-submit** - the declaration was received; `detail: { id, records, status }`.
   * - **toile-declaration-error** - the declaration was not sent or was refused; `detail: { kind, status, message, problems, retryAfter }`.
   *
   * ### **Methods:**
   *  - **submit(): _Promise<DeclarationSubmitDetail | undefined>_** - Checks the form and sends the declaration. Resolves to the server's receipt, or undefined when
   * the form or the server refused it (the problems are then shown, and `toile-declaration-error` fired).
   * - **clearDraft(): _void_** - Empties the form and forgets the draft kept in this browser.
   *
   * ### **CSS Properties:**
   *  - **--toile-color-accent** - buttons, focus and the placed point. _(default: undefined)_
   * - **--toile-color-danger** - problems. _(default: undefined)_
   * - **--toile-declaration-form-map-height** - height of the map (default 320px). _(default: undefined)_
   * - **--toile-declaration-form-max-width** - widest the form grows (default 52em). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **form** - the form.
   * - **notice** - what happens to the data.
   * - **error-summary** - the problems to fix, each linked to its field.
   * - **field-error** - the problem written under a field.
   * - **establishment** - the establishment's fieldset.
   * - **picked** - the establishment or partner picked from the territory.
   * - **results** - the establishments or addresses found.
   * - **listbox** - the NAF and material suggestions.
   * - **confidentiality** - a record's confidentiality select and the meaning of its level.
   * - **resources** - the offers and needs.
   * - **resource** - one offer or need.
   * - **flows** - the suppliers and customers.
   * - **flow** - one supplier or customer.
   * - **map** - the map (when `basemap` is set and the map is open).
   * - **attribution** - the map's credit.
   * - **submit** - the send button.
   * - **status** - the live status line (sending, sent, draft).
   * - **receipt** - the confirmation after sending.
   */
  "toile-declaration-form": Partial<ToileDeclarationFormProps & BaseProps & BaseEvents>;

  /**
   * The domino simulator: close one or more sites (or cut part of their output), pick a model —
   * threshold cascade, IIM or dynamic IIM with recovery — and see what follows: establishments and
   * jobs at risk, flows lost, the waves or the day-by-day trajectory, painted on every
   * `<toile-network>` of the same `<toile-data>`. Two scenarios side by side; the systemic ranking
   * (which closures would hurt most) on demand. Small networks run on the main thread; from
   * `worker-threshold` establishments on, a module Web Worker does the work, with progress and cancel.
   * Every model is the SDK's (`runDomino`, `rankSystemic`).
   * ---
   *
   *
   * ### **Events:**
   *  - **toile-domino-result** - a simulation finished; `detail: { model, closed, affected, jobs }`.
   * - **toile-domino-error** - a run could not start or failed; `detail: { code, details }`.
   * - **toile-select** - an establishment of the results was chosen; `detail: { id }`.
   *
   * ### **Methods:**
   *  - **run(): _Promise<void>_** - Runs the simulation with the current sites, model and parameters; resolves when shown (or refused, or cancelled).
   * - **cancel(): _void_** - Stops the simulation or ranking under way; the element returns to idle and says so.
   * - **rankSystemic(): _Promise<void>_** - Ranks every establishment by the damage its closure would do (cascade, or IIM for the IIM models).
   * - **clear(): _void_** - Clears the result, the comparison and the overlay on the networks.
   *
   * ### **CSS Properties:**
   *  - **--toile-domino-chart-color** - bars and line of the chart (default: the accent colour). _(default: undefined)_
   * - **--toile-domino-risk-color** - border of the chosen sites (default: the danger colour). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **form** - the choice of sites, shock, model and parameters.
   * - **sites** - the searchable list of establishments.
   * - **closed** - the chosen sites.
   * - **actions** - the run, cancel, clear and ranking buttons.
   * - **status** - the live status line (progress, cancelled, done).
   * - **progress** - the progress bar.
   * - **error** - the error message.
   * - **results** - the results of the last run.
   * - **totals** - the counts (establishments, jobs, flows).
   * - **chart** - the waves or trajectory chart (SVG).
   * - **comparison** - the side-by-side table of scenarios A and B.
   * - **ranking** - the systemic ranking.
   */
  "toile-domino-simulator": Partial<ToileDominoSimulatorProps & BaseProps & BaseEvents>;

  /**
   * The moderation queue of an agency: the companies' declarations waiting for a decision (oldest
   * first; or the decided ones), each record shown against the current territory — « nouveau »,
   * « identique », « modifié », « doublon de X » — with the fields that differ (current → proposed),
   * and its proposed confidentiality level in plain sight (confidential when the company said
   * nothing). The moderator accepts or rejects each record, with a comment kept in the history, or
   * all of a declaration's at once; the decisions of a declaration go to the server in one call. A
   * refusal (422: the territory would be invalid, say a flow whose partner is not accepted; 409: decided
   * meanwhile) is shown in the reader's language, and every result is announced in a live region.
   *
   * The agency's bearer token goes in the `token` property: it is never reflected to an attribute,
   * logged or put in an event. A page holding it must be the agency's own, behind its login — never a
   * public page.
   * ---
   *
   *
   * ### **Events:**
   *  - **toile-moderation-decide** - the server recorded decisions; `detail: { declaration, decisions, status }`.
   * - **toile-moderation-error** - a call failed; `detail: { declaration, status, kind }`.
   *
   * ### **Methods:**
   *
   * - **reload(): _Promise<void>_** - Loads the queue again (choices already made on records still undecided are kept).
   *
   * ### **CSS Properties:**
   *  - **--toile-color-accent** - buttons and focus. _(default: undefined)_
   * - **--toile-color-danger** - refusals and the confidential level. _(default: undefined)_
   * - **--toile-moderation-max-width** - widest the queue grows (default 64em). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **toolbar** - the filter and reload button.
   * - **status** - loading, empty and error messages of the queue.
   * - **declaration** - one declaration.
   * - **record** - one declared record.
   * - **change** - the record's standing: new, identical, changed, duplicate of.
   * - **level** - the proposed confidentiality level.
   * - **diff** - the table of fields (current → proposed).
   * - **choice** - the accept / reject radio buttons of a record.
   * - **decision** - the decision already made on a record.
   * - **actions** - accept all, reject all, send.
   * - **error** - the refusal of a declaration's decisions.
   */
  "toile-moderation": Partial<ToileModerationProps & BaseProps & BaseEvents>;

  /**
   * The network view: establishments as nodes, flows as edges, drawn with cytoscape (loaded only
   * when the element becomes visible). Geographic (the territory's outline and places), force-directed
   * (fcose, computed in a worker for large networks), by-sector (labelled blocks) or value-chain layout
   * (columns by stage along the flows); nodes sized by employees or value and coloured by sector,
   * outside partners as dashed diamonds on the rim; parallel flows merged per kind, width by value;
   * names in screen pixels without collisions, more as one zooms; a legend that is also the filters
   * (flow kinds, statuses, sectors); a searchable, keyboard-usable list that mirrors the canvas with a
   * live region; the shared selection with a halo and its upstream and downstream to `depth`; the
   * shared highlight (a synergy's two partners, say); the shared overlay of its `<toile-data>` (a
   * domino result, say) or one given to `setOverlay` (its own colour-blind-safe scale and legend,
   * sector colours set back); a kinship colour mode (`color-by="kinship"`: every establishment by its
   * relatedness to the selected one, computed by the SDK); PNG and SVG export and zoom controls.
   * ---
   *
   *
   * ### **Events:**
   *  - **toile-select** - an establishment was chosen; `detail: { id }`.
   * - **toile-network-ready** - the graph was drawn; `detail: { nodes, edges, ms }` (ms from data to first frame).
   * - **toile-network-layout** - the force layout moved the establishments (it streams positions from a worker on large networks); `detail: { done, ms }` (ms since the layout started).
   *
   * ### **Methods:**
   *  - **setOverlay(values: _ReadonlyMap<string, number> | undefined_, legend: _NetworkOverlayLegend_): _void_** - Paints a value in 0–1 on each establishment (a domino result, say) on one sequential,
   * colour-blind-safe scale (cividis, pale to dark) with its own legend; the others are "not
   * reached" and every sector colour steps back to grey while the overlay is shown. Pass `undefined`
   * to clear. `legend` names the values (default "Share affected", 0 %–100 %).
   * - **fit(ids: _readonly string[]_): _void_** - Fits the whole graph with its captions (or the given establishments) in view.
   * - **toImage(format: _'png' | 'svg'_): _Promise<Blob | undefined>_** - The view as it stands as a picture: title, territory outline, graph, names and halos, legend
   * and attribution (the document's publisher and licence). Undefined until drawn.
   *
   * ### **CSS Properties:**
   *  - **--toile-network-height** - height of the drawing (default 480px). _(default: undefined)_
   * - **--toile-network-outline** - colour of the territory outline (default the accent colour). _(default: undefined)_
   * - **--toile-color-accent** - selection and focus colour, also on the canvas. _(default: undefined)_
   * - **--toile-color-text** - labels, also on the canvas. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **toolbar** - zoom, layout, depth, export and scope controls.
   * - **stage** - the frame around the drawing.
   * - **canvas** - the drawing area (cytoscape's container).
   * - **outline** - the territory outline under the geographic layout.
   * - **labels** - the layer of names, captions and halos (screen pixels).
   * - **overlay** - the layer that paints overlay values on large networks.
   * - **overlay-legend** - the scale of the overlay, while one is shown.
   * - **kinship-legend** - the legend of the kinship colour mode (whom it is about, scale, parts and weights, nearest kin).
   * - **basemap** - the tiles under the geographic layout, when `basemap` is set.
   * - **attribution** - the basemap's credit.
   * - **side** - the search box and the list.
   * - **list** - the list of establishments (the keyboard and screen-reader view).
   * - **legend** - the legend of sectors, flow kinds, statuses, shapes and sizes (also the filters).
   * - **status** - the line that says what is shown or being computed.
   */
  "toile-network": Partial<ToileNetworkProps & BaseProps & BaseEvents>;

  /**
   * The synergy finder: for an establishment, a material (EWC code or family, searched in French and
   * English) or a declared need, the offers that could meet needs nearby — ranked by the SDK's score
   * with its parts explained (item fit, proximity, quantity fit, flow kind), hazardous waste flagged and
   * a relative carbon index (not tonnes of CO2e) when known, and the avoided CO2e as an order of magnitude with
   * its basis (route, kg CO2e per tonne, source and licence; a dash where no sourced factor applies) — and
   * the establishments that could pool the same need.
   * Choosing a candidate selects a partner for every widget of the same `<toile-data>` and asks them
   * to highlight both partners. The list exports as CSV.
   *
   * The « Capacités » mode (`mode="capabilities"`, or the mode switch at the top of the form) answers
   * who could make a product or master a process: for a process of the vocabulary (searched in French
   * and English) or a product code, the establishments ranked by the SDK's `findMakers` — the score
   * explained by its parts (declared capability, flows already given, kin activity), the evidence,
   * the distance — with the spare capacity each offers (share, period), then every spare capacity that
   * meets the query with the needs it could serve (`spareCapacity`). Its code is fetched when the mode
   * is first shown.
   * ---
   *
   *
   * ### **Events:**
   *  - **toile-synergy-select** - a candidate was chosen; `detail: { offerId, needId, from, to }` (plain ids).
   * - **toile-highlight** - establishments to highlight together; `detail: { ids }` (both partners, or a pooling group). `<toile-data>` hears it (or is told directly when named by `source`) and shares it as `highlighted`.
   * - **toile-pooling-select** - a pooling candidate was chosen; `detail: { key, leader, establishments, needs }`.
   * - **toile-select** - the partner now selected; `detail: { id }`.
   * - **toile-capability-select** - an establishment was chosen in the capabilities mode; `detail: { establishment, capability, process, product }`.
   * - **toile-synergy-query** - the user changed a setting; `detail: { mode, establishment, material, need, radiusKm, top, process, product, near, capabilityRadiusKm }`.
   *
   * ### **Methods:**
   *
   * - **toCsv(): _string_** - The candidates shown now as CSV (header in the element's language, ids and numbers as data); in
   * the capabilities mode, the makers shown (empty text until the mode is fetched).
   * Formula-like text is prefixed with an apostrophe so that a spreadsheet never runs it.
   * - **exportCsv(): _void_** - Downloads toCsv as `synergies.csv`, or `capabilities.csv` in the capabilities mode.
   *
   * ### **CSS Properties:**
   *  - **--toile-color-accent** - buttons, meters and the chosen row. _(default: undefined)_
   * - **--toile-color-danger** - the hazardous badge and error messages. _(default: undefined)_
   * - **--toile-synergy-finder-listbox-height** - height of the suggestions (default 16em). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **form** - the search settings.
   * - **modes** - the mode switch.
   * - **listbox** - the material, process and product suggestions.
   * - **status** - loading, error and empty messages.
   * - **table** - the candidates table (the makers table in the capabilities mode).
   * - **hazardous** - the hazardous-waste badge.
   * - **pooling** - the pooling section.
   * - **spare** - the spare capacity section of the capabilities mode.
   * - **export** - the CSV export button.
   */
  "toile-synergy-finder": Partial<ToileSynergyFinderProps & BaseProps & BaseEvents>;

  /**
   * The workshop mode: with the people of one establishment around the table, the agency walks through
   * its flows in and out one by one — confirms each (`validated: true`, the workshop as its source),
   * corrects its quantity and unit, value and dependency shares (0–1, checked in the form), or adds a
   * flow nobody had recorded — each change written at once with `putFlow(…, { workshop, comment })`.
   * The workshop is opened here (`createWorkshop`) or picked among the territory's `workshop` sources.
   * Its report, read from the audit log (`getHistory({ origin })`), lists what was confirmed, corrected
   * (fields before → after) and added; it downloads as CSV and prints on its own (print stylesheet).
   *
   * The agency's bearer token goes in the `token` property: it is never reflected to an attribute,
   * logged or put in an event. A page holding it must be the agency's own — never a public page.
   * ---
   *
   *
   * ### **Events:**
   *  - **toile-workshop-change** - a workshop was opened or chosen, or a flow written; `detail: { workshop, action, flow, op }`.
   * - **toile-workshop-error** - a call failed; `detail: { action, status, kind }`.
   *
   * ### **Methods:**
   *
   * - **reload(): _Promise<void>_** - Reads the territory (and the report) again.
   * - **reportCsv(): _string_** - The report as CSV (header in the element's language); see csvDelimiter.
   * - **exportCsv(): _void_** - Downloads reportCsv as `atelier-<workshop>.csv` (`workshop-<id>.csv` in English).
   *
   * ### **CSS Properties:**
   *  - **--toile-color-accent** - buttons and focus. _(default: undefined)_
   * - **--toile-color-danger** - problems. _(default: undefined)_
   * - **--toile-workshop-max-width** - widest the element grows (default 64em). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **workshop** - the workshop picker and the new workshop form.
   * - **walk** - the walk through the establishment's flows.
   * - **flow** - the flow shown now.
   * - **flow-form** - its correction form.
   * - **add** - the form of a missing flow.
   * - **report** - the workshop report.
   * - **report-table** - its table.
   * - **report-actions** - its CSV and print buttons.
   * - **error** - a refused write.
   */
  "toile-workshop": Partial<ToileWorkshopProps & BaseProps & BaseEvents>;
};
