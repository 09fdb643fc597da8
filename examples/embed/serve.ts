// Opens the embedding recipes by hand: builds the CDN bundle and the React/Vue pages, then serves
// everything on http://127.0.0.1:5180/ (or $PORT) until Ctrl+C. Run: npx tsx examples/embed/serve.ts
import { buildEmbed, serveEmbed } from './server.ts';

const built = await buildEmbed();
const server = await serveEmbed(built, Number(process.env['PORT'] ?? 5180));
for (const page of ['cdn', 'hostile-css', 'csp', 'two-kits', 'react', 'vue']) console.log(`${server.url}${page}.html`);
const stop = () =>
  void server
    .close()
    .then(() => built.dispose())
    .then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
