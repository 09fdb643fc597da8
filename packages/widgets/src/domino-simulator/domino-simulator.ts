import { defineElement } from '../base/define.ts';
import { ToileDominoSimulator, type DominoErrorDetail, type DominoResultDetail } from './domino-simulator.component.ts';

defineElement('toile-domino-simulator', ToileDominoSimulator);

declare global {
  interface HTMLElementTagNameMap {
    'toile-domino-simulator': ToileDominoSimulator;
  }
  interface GlobalEventHandlersEventMap {
    'toile-domino-result': CustomEvent<DominoResultDetail>;
    'toile-domino-error': CustomEvent<DominoErrorDetail>;
  }
}
