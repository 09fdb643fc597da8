import { defineElement } from '../base/define.ts';
import { ToileCompanyCard } from './company-card.component.ts';

defineElement('toile-company-card', ToileCompanyCard);

declare global {
  interface HTMLElementTagNameMap {
    'toile-company-card': ToileCompanyCard;
  }
  interface GlobalEventHandlersEventMap {
    'toile-select': CustomEvent<{ id: string | null }>;
  }
}
