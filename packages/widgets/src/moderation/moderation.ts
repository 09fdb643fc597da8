import { defineElement } from '../base/define.ts';
import { ToileModeration, type ModerationDecideDetail, type ModerationErrorDetail } from './moderation.component.ts';

defineElement('toile-moderation', ToileModeration);

declare global {
  interface HTMLElementTagNameMap {
    'toile-moderation': ToileModeration;
  }
  interface GlobalEventHandlersEventMap {
    'toile-moderation-decide': CustomEvent<ModerationDecideDetail>;
    'toile-moderation-error': CustomEvent<ModerationErrorDetail>;
  }
}
