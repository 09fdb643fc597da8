import { defineElement } from '../base/define.ts';
import { ToileData } from './toile-data.component.ts';

defineElement('toile-data', ToileData);

declare global {
  interface HTMLElementTagNameMap {
    'toile-data': ToileData;
  }
  interface GlobalEventHandlersEventMap {
    'toile-data-change': CustomEvent<{ establishments: number; flows: number }>;
    'toile-data-error': CustomEvent<{ message: string }>;
    'toile-selection-change': CustomEvent<{ id: string | null }>;
    'toile-highlight-change': CustomEvent<{ ids: string[] }>;
    'toile-highlight': CustomEvent<{ ids: readonly string[] }>;
    'toile-select': CustomEvent<{ id: string | null }>;
  }
}
