import { defineElement } from '../base/define.ts';
import { ToileWorkshop, type WorkshopChangeDetail, type WorkshopErrorDetail } from './workshop.component.ts';

defineElement('toile-workshop', ToileWorkshop);

declare global {
  interface HTMLElementTagNameMap {
    'toile-workshop': ToileWorkshop;
  }
  interface GlobalEventHandlersEventMap {
    'toile-workshop-change': CustomEvent<WorkshopChangeDetail>;
    'toile-workshop-error': CustomEvent<WorkshopErrorDetail>;
  }
}
