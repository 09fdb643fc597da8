import { defineElement } from '../base/define.ts';
import {
  ToileSynergyFinder,
  type CapabilitySelectDetail,
  type PoolingSelectDetail,
  type SynergyQueryDetail,
  type SynergySelectDetail,
} from './synergy-finder.component.ts';

defineElement('toile-synergy-finder', ToileSynergyFinder);

declare global {
  interface HTMLElementTagNameMap {
    'toile-synergy-finder': ToileSynergyFinder;
  }
  interface GlobalEventHandlersEventMap {
    'toile-synergy-select': CustomEvent<SynergySelectDetail>;
    'toile-pooling-select': CustomEvent<PoolingSelectDetail>;
    'toile-synergy-query': CustomEvent<SynergyQueryDetail>;
    'toile-capability-select': CustomEvent<CapabilitySelectDetail>;
  }
}
