// Types only: `import '@toile/widgets/react'` (or `import type {} from '@toile/widgets/react'`) brings in
// react.d.ts. This empty module lets the plain import through a bundler.
export {};
