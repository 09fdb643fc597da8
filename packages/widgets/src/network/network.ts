import { defineElement } from '../base/define.ts';
import { ToileNetwork } from './network.component.ts';

defineElement('toile-network', ToileNetwork);

declare global {
  interface HTMLElementTagNameMap {
    'toile-network': ToileNetwork;
  }
}
