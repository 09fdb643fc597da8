// Types only: `import '@toile/widgets/jsx'` (or `import type {} from '@toile/widgets/jsx'`) brings in
// jsx.d.ts. This empty module lets the plain import through a bundler.
export {};
