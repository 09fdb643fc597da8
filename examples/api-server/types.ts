import type { components } from '@toile/schema';

export type ToileDocument = components['schemas']['ToileDocument'];
export type Establishment = components['schemas']['Establishment'];
export type Flow = components['schemas']['Flow'];
export type DominoRequest = components['schemas']['DominoRequest'];
