/**
 * React 19 typings for the Toile elements: `import '@toile/widgets/react';` once in a React + TypeScript
 * project makes `<toile-network layout="geo" />` and friends type-checked in JSX (attributes,
 * properties and `ontoile-…` event props, from the generated {@link CustomElements}).
 */
import type { CustomElements } from './jsx.d.ts';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends CustomElements {}
  }
}
