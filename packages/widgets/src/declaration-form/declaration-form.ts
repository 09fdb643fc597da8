import { defineElement } from '../base/define.ts';
import { ToileDeclarationForm, type DeclarationErrorDetail, type DeclarationSubmitDetail } from './declaration-form.component.ts';

defineElement('toile-declaration-form', ToileDeclarationForm);

declare global {
  interface HTMLElementTagNameMap {
    'toile-declaration-form': ToileDeclarationForm;
  }
  interface GlobalEventHandlersEventMap {
    'toile-declaration-submit': CustomEvent<DeclarationSubmitDetail>;
    'toile-declaration-error': CustomEvent<DeclarationErrorDetail>;
  }
}
