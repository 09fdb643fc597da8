import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const src = (path: string) => fileURLToPath(new URL(`../../packages/${path}`, import.meta.url));

// The portal runs on the packages' sources (no build step), data from examples/data.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: fileURLToPath(new URL('../data', import.meta.url)),
  resolve: {
    alias: [
      { find: /^@toile\/schema$/, replacement: src('schema/src/index.ts') },
      { find: /^@toile\/sdk$/, replacement: src('sdk/src/index.ts') },
      { find: /^@toile\/widgets\/define$/, replacement: src('widgets/src/define.ts') },
    ],
  },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] } },
  esbuild: { target: 'es2022' },
});
