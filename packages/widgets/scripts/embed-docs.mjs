// Writes docs/embed.md, the embedding reference of every Toile element, from the custom-elements
// manifest (custom-elements.json): a copy-paste snippet, then attributes, properties, events,
// methods, CSS parts and CSS custom properties, in the manifest's order.
//
//   node packages/widgets/scripts/embed-docs.mjs           # (re)writes docs/embed.md
//   node packages/widgets/scripts/embed-docs.mjs --check   # exit 1 when docs/embed.md is stale
//
// Hand-written rather than a manifest-to-markdown package: the snippet (CDN tag + <toile-data>) and
// the event detail column are specific to this kit.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const WIDGETS = fileURLToPath(new URL('..', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const MANIFEST = `${WIDGETS}custom-elements.json`;
const OUT = `${ROOT}docs/embed.md`;
const COMMAND = 'node packages/widgets/scripts/embed-docs.mjs';
const CDN = 'https://cdn.jsdelivr.net/npm/@toile/widgets@0.1/dist/cdn/toile.js';
const DATA_URL = 'territoire.toile.json';
/** What the snippet of an element that talks to the API itself (an `api` attribute) points to. */
const API_URL = 'https://toile.example/api';
const TERRITORY_ID = 'estuaire-vire-marine';

/** Repository-relative path with forward slashes (stable on every OS). */
const rel = (from, to) => relative(from, to).split('\\').join('/');
/** One line: newlines and runs of spaces folded. */
const line = (text) => (text ?? '').replace(/\s+/g, ' ').trim();
/** A markdown table cell: one line, pipes escaped. */
const cell = (text) => line(text).replace(/\|/g, '\\|');
/** Inline code in a table cell (empty when there is nothing to show). */
const code = (text) => (text === undefined || text === null || line(String(text)) === '' ? '' : `\`${cell(String(text))}\``);
const isPublic = (m) => !m.static && m.privacy !== 'private' && m.privacy !== 'protected' && !/^[_#]/.test(m.name);
/** A default written as a literal (`20`, `'geo'`, `null`, `[]`…), as opposed to a constant's name. */
const isLiteral = (v) => typeof v === 'string' && /^(-?\d[\d_.]*|'[^']*'|"[^"]*"|true|false|null|undefined|\[\]|\{\})$/.test(v.trim());
const pickDefault = (...values) => values.find(isLiteral) ?? values.find((v) => v !== undefined);
/** The value to write in an HTML attribute for a literal default. */
const attributeValue = (v) => v.trim().replace(/^['"]|['"]$/g, '');

function table(header, rows) {
  if (rows.length === 0) return [];
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`), ''];
}

/** First sentence of a description, on one line. */
function summary(description) {
  const text = line(description);
  const match = /^(.+?[.!?])(\s+[A-Z(`<]|$)/.exec(text);
  return match ? match[1] : text;
}

/** Splits an event description into its `detail: …` shape and the rest. */
function eventParts(description) {
  const text = line(description);
  const match = /;?\s*`detail:\s*([^`]+)`/.exec(text);
  if (!match) return { detail: '', when: text };
  const when = (text.slice(0, match.index) + text.slice(match.index + match[0].length)).replace(/\s+([.,;)])/g, '$1').trim();
  return { detail: match[1].trim(), when };
}

function elementsOf(manifest) {
  const out = [];
  for (const mod of manifest.modules ?? []) {
    for (const decl of mod.declarations ?? []) {
      if (decl.customElement && decl.tagName) out.push({ path: mod.path, decl });
    }
  }
  return out;
}

function describeAttributes(decl) {
  const fields = new Map((decl.members ?? []).filter((m) => m.kind === 'field').map((m) => [m.name, m]));
  return (decl.attributes ?? []).map((a) => {
    const field = a.fieldName ? fields.get(a.fieldName) : undefined;
    return {
      name: a.name,
      property: a.fieldName ?? '',
      type: a.type?.text ?? field?.type?.text ?? '',
      default: pickDefault(a.default, field?.default),
      description: a.description ?? field?.description ?? '',
      inherited: a.inheritedFrom?.name,
    };
  });
}

function snippet(tag, attributes) {
  // Attributes with a literal, non-empty default, written out so that they can be changed in place;
  // booleans are left out (an attribute can only switch them on).
  const shown = attributes.filter(
    (a) => a.name !== 'source' && isLiteral(a.default) && !/^(null|undefined|false|true|\[\]|\{\})$/.test(a.default.trim()) && a.type !== 'boolean',
  );
  const attrs = shown.map((a) => ` ${a.name}="${attributeValue(a.default)}"`).join('');
  const lines = [`<script type="module" src="${CDN}"></script>`, ''];
  if (tag === 'toile-data') {
    const own = shown
      .filter((a) => a.name !== 'src')
      .map((a) => ` ${a.name}="${attributeValue(a.default)}"`)
      .join('');
    lines.push(`<toile-data src="${DATA_URL}"${own}>`, '  <!-- the widgets that show this data: <toile-network>, <toile-company-card>… -->', '</toile-data>');
  } else if (attributes.some((a) => a.name === 'api')) {
    // It reads and writes through the API: no <toile-data> around it.
    const territory = attributes.some((a) => a.name === 'territory') ? ` territory="${TERRITORY_ID}"` : '';
    lines.push(`<${tag} api="${API_URL}"${territory}${attrs}></${tag}>`);
  } else {
    lines.push(`<toile-data src="${DATA_URL}">`, `  <${tag}${attrs}></${tag}>`, '</toile-data>');
  }
  return ['```html', ...lines, '```', ''];
}

function section({ path, decl }) {
  const tag = decl.tagName;
  const folder = dirname(path);
  const out = [`## \`<${tag}>\``, '', summary(decl.description), ''];
  const shot = `${ROOT}docs/screenshots/${tag.replace(/^toile-/, '')}.png`;
  if (existsSync(shot)) out.push(`![<${tag}> on the sample territory](${rel(`${ROOT}docs`, shot)})`, '');
  const readme = `${WIDGETS}${folder}/README.md`;
  const source = `${WIDGETS}${path}`;
  out.push(
    `Class \`${decl.name}\` (\`${rel(ROOT, source)}\`).${existsSync(readme) ? ` Guide: [${rel(ROOT, readme)}](${rel(`${ROOT}docs`, readme)}).` : ''}`,
    '',
  );

  const attributes = describeAttributes(decl);
  out.push(...snippet(tag, attributes));

  // The rest of the description, after its first sentence (already under the heading).
  const first = summary(decl.description);
  const rest = line(decl.description).slice(first.length).trim();
  if (rest) {
    const paragraphs = (decl.description ?? '').split(/\n\s*\n/).map(line);
    paragraphs[0] = paragraphs[0].slice(first.length).trim();
    out.push(...paragraphs.filter(Boolean).map((p) => `${p}\n`));
  }

  const attrRows = attributes.map((a) => [code(a.name), code(a.property), code(a.type), code(a.default), cell(a.description)]);
  if (attrRows.length) out.push('### Attributes', '', ...table(['Attribute', 'Property', 'Type', 'Default', 'Description'], attrRows));
  if (attributes.some((a) => a.type === 'boolean' && a.default?.trim() === 'true')) {
    out.push(
      'A boolean attribute switches its property on by being present; one whose default is `true` is switched off through the property (`element.prop = false`).',
      '',
    );
  }

  const withAttribute = new Set(attributes.map((a) => a.property));
  const fields = (decl.members ?? []).filter((m) => m.kind === 'field' && isPublic(m) && !m.attribute && !withAttribute.has(m.name));
  const propRows = fields.map((m) => [code(m.name), code(m.type?.text), m.readonly ? 'read-only' : code(m.default), cell(m.description)]);
  if (propRows.length) out.push('### Properties (no attribute)', '', ...table(['Property', 'Type', 'Default', 'Description'], propRows));

  const eventRows = (decl.events ?? []).map((e) => {
    const { detail, when } = eventParts(e.description);
    return [code(e.name), code(detail), cell(when)];
  });
  if (eventRows.length)
    out.push(
      '### Events',
      '',
      'Every event bubbles and crosses shadow roots (`composed`); `detail` holds plain ids and numbers.',
      '',
      ...table(['Event', 'Detail', 'When'], eventRows),
    );

  const methods = (decl.members ?? []).filter((m) => m.kind === 'method' && isPublic(m));
  const methodRows = methods.map((m) => {
    const params = (m.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}${p.type?.text ? `: ${p.type.text}` : ''}`).join(', ');
    return [code(`${m.name}(${params})${m.return?.type?.text ? `: ${m.return.type.text}` : ''}`), cell(m.description)];
  });
  if (methodRows.length) out.push('### Methods', '', ...table(['Method', 'Description'], methodRows));

  const partRows = (decl.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]);
  if (partRows.length) out.push('### CSS parts', '', `Style them from the page with \`${tag}::part(name)\`.`, '', ...table(['Part', 'Description'], partRows));

  const cssProps = decl.cssProperties ?? [];
  const withDefault = cssProps.some((p) => p.default !== undefined);
  const cssRows = cssProps.map((p) => (withDefault ? [code(p.name), code(p.default), cell(p.description)] : [code(p.name), cell(p.description)]));
  if (cssRows.length)
    out.push('### CSS custom properties', '', ...table(withDefault ? ['Property', 'Default', 'Description'] : ['Property', 'Description'], cssRows));

  return out;
}

function render(manifest) {
  const elements = elementsOf(manifest);
  const out = [
    `<!-- GENERATED by packages/widgets/scripts/embed-docs.mjs from packages/widgets/custom-elements.json — do not edit. Run \`${COMMAND}\`. -->`,
    '',
    '# Embedding the Toile widgets: reference',
    '',
    'Every element of `@toile/widgets`, with a snippet to copy, its attributes, properties, events, methods, CSS parts and CSS custom properties. This page is generated from the custom-elements manifest (`packages/widgets/custom-elements.json`), itself generated from the components’ sources; the main [README](../README.md#embed-the-widgets) explains the ideas.',
    '',
    '## Loading the kit',
    '',
    '- **One script tag** (the CDN build, `dist/cdn/toile.js`): each element’s code is loaded the first time its tag appears in the page, from the same folder as `toile.js`.',
    '',
    '  ```html',
    `  <script type="module" src="${CDN}"></script>`,
    '  ```',
    '',
    "  To serve it yourself, copy the package’s `dist/cdn/` folder to your site (any path) and point the tag at your copy of `toile.js`. Do so for large territories and strict pages: browsers refuse Web Workers from another origin, and the kit uses workers for the force layout of networks above 2,000 establishments and for domino simulations from `worker-threshold` establishments on (2,000 by default); a strict Content-Security-Policy (`script-src 'self'`) also needs the files on your own origin.",
    "- **In a bundled application**: `npm install @toile/widgets`, then `import '@toile/widgets/define'` registers every tag; `import { ToileNetwork } from '@toile/widgets'` gives the classes without registering anything.",
    '',
    'Every widget reads its data from the nearest `<toile-data>` around it, or from the `<toile-data id="…">` named by its `source` attribute; all the widgets of one `<toile-data>` share the selected establishment.',
    '',
    '## Common to every element',
    '',
    ...table(
      ['Attribute', 'Property', 'Type', 'Default', 'Description'],
      [
        [
          code('theme'),
          code('theme'),
          code("'light' | 'dark' | 'auto'"),
          code("'auto'"),
          'Colour scheme; `auto` follows the page: a `data-theme` or `dark`/`light` class on `<html>`, its `color-scheme`, else the background behind the element (the system only for a page declaring both schemes). Reflected.',
        ],
        [
          code('lang'),
          '',
          code('string'),
          code('fr'),
          'Language of the interface: the nearest `lang` attribute on the element or an ancestor (across shadow roots); `en…` gives English, anything else French.',
        ],
      ],
    ),
    'Theming goes only through `--toile-*` custom properties and `::part()`; the shared tokens are `--toile-color-background`, `--toile-color-text`, `--toile-color-muted`, `--toile-color-accent`, `--toile-color-border`, `--toile-color-danger`, `--toile-radius`, `--toile-font-family` and `--toile-font-size` (every element reads them, even where its table below does not list them).',
    '',
    '## Elements',
    '',
    ...elements.map(({ decl }) => `- [\`<${decl.tagName}>\`](#${decl.tagName}) — ${line(summary(decl.description))}`),
    '',
  ];
  for (const element of elements) out.push(...section(element));
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
const text = render(manifest);
if (process.argv.includes('--check')) {
  const current = existsSync(OUT) ? readFileSync(OUT, 'utf8') : undefined;
  if (current !== text) {
    console.error(
      `docs/embed.md is ${current === undefined ? 'missing' : 'out of date'} with packages/widgets/custom-elements.json. Run \`${COMMAND}\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log(`docs/embed.md is up to date (${elementsOf(manifest).length} elements).`);
} else {
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, text);
  console.log(`Wrote ${rel(ROOT, OUT)} (${elementsOf(manifest).length} elements).`);
}
