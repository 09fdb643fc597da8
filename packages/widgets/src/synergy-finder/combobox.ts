/**
 * The finder's material field: a combobox (ARIA 1.2 pattern, list autocomplete) over families and
 * EWC chapters, sub-chapters and entries, searched in French and English and by the document's own
 * labels. A reactive controller: it keeps what is typed, whether the list is open and the active
 * option, and re-renders its host when they change.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { WidgetLang } from '../base/i18n.ts';
import { materialLabel, parseMaterial, searchMaterials, type MaterialOption } from './materials.ts';
import { T } from './synergy-finder.strings.ts';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class MaterialCombobox implements ReactiveController {
  /** Text typed in the field, until a material is chosen (null: show the chosen one). */
  private typing: string | null = null;
  private listOpen = false;
  private activeOption = -1;
  /** The option last scrolled into view. */
  private shownOption = -1;

  constructor(
    private readonly host: Host,
    /** Every material the field can offer (the document's own labels included). */
    private readonly materials: () => readonly MaterialOption[],
    /** A material was chosen (null: cleared). */
    private readonly choose: (value: string | null) => void,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.activeOption === this.shownOption) return;
    this.shownOption = this.activeOption;
    if (this.activeOption >= 0) this.host.renderRoot.querySelector(`#material-${this.activeOption}`)?.scrollIntoView({ block: 'nearest' });
  }

  private set(state: { typing?: string | null; listOpen?: boolean; activeOption?: number }): void {
    if (state.typing !== undefined) this.typing = state.typing;
    if (state.listOpen !== undefined) this.listOpen = state.listOpen;
    if (state.activeOption !== undefined) this.activeOption = state.activeOption;
    this.host.requestUpdate();
  }

  private options(): MaterialOption[] {
    return this.typing ? searchMaterials(this.materials(), this.typing) : [];
  }

  private pick(value: string | null): void {
    this.set({ typing: null, listOpen: false, activeOption: -1 });
    this.choose(value);
  }

  private readonly onInput = (event: Event): void => {
    const typing = (event.target as HTMLInputElement).value;
    this.set({ typing, listOpen: typing.trim().length > 0, activeOption: -1 });
  };

  private readonly onBlur = (): void => this.set({ listOpen: false, activeOption: -1 });

  private readonly onKeydown = (event: KeyboardEvent): void => {
    const options = this.options();
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        if (!options.length) return;
        this.set({
          listOpen: true,
          activeOption: event.key === 'ArrowDown' ? Math.min(this.activeOption + 1, options.length - 1) : Math.max(this.activeOption - 1, 0),
        });
        break;
      case 'Home':
      case 'End':
        if (!this.listOpen || !options.length) return;
        event.preventDefault();
        this.set({ activeOption: event.key === 'Home' ? 0 : options.length - 1 });
        break;
      case 'Enter': {
        event.preventDefault();
        const text = (this.typing ?? '').trim();
        if (this.typing !== null && !text) this.pick(null);
        else if (this.listOpen && options.length) this.pick(options[Math.max(0, this.activeOption)]!.value);
        else if (text && parseMaterial(text)) this.pick(parseMaterial(text)!.value);
        break;
      }
      case 'Escape':
        if (this.listOpen) {
          event.preventDefault();
          this.set({ listOpen: false, activeOption: -1 });
        } else if (this.typing !== null) {
          event.preventDefault();
          this.set({ typing: null });
        }
        break;
      default:
    }
  };

  private renderOption(m: MaterialOption, k: number, lang: WidgetLang): TemplateResult {
    const labels = m.documentLabels;
    return html`<li
      id=${`material-${k}`}
      role="option"
      aria-selected=${k === this.activeOption ? 'true' : 'false'}
      @mousedown=${(e: Event) => e.preventDefault()}
      @click=${() => this.pick(m.value)}
    >
      <span>${m.label[lang]}</span>
      <span class="group">${T[m.group][lang]}${labels ? ` · ${T.inData[lang]} ${labels.slice(0, 3).join(', ')}${labels.length > 3 ? '…' : ''}` : ''}</span>
    </li>`;
  }

  /** The field, its clear button and the list of suggestions, for the chosen `material`. */
  render(material: string | null, lang: WidgetLang): TemplateResult {
    const options = this.listOpen ? this.options() : [];
    const open = this.listOpen && options.length > 0;
    const chosen = material ? parseMaterial(material) : undefined;
    const shown = this.typing ?? (chosen ? materialLabel(chosen, lang) : (material ?? ''));
    return html`<div class="field combo">
      <label for="material">${T.material[lang]}</label>
      <div class="combo-input">
        <input
          id="material"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls="materials"
          aria-activedescendant=${open && this.activeOption >= 0 ? `material-${this.activeOption}` : nothing}
          .value=${shown}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @blur=${this.onBlur}
        />
        ${material || this.typing ? html`<button type="button" class="clear" aria-label=${T.clearMaterial[lang]} @click=${() => this.pick(null)}>×</button>` : nothing}
      </div>
      <ul id="materials" part="listbox" role="listbox" aria-label=${T.materials[lang]} ?hidden=${!open}>
        ${open ? options.map((m, k) => this.renderOption(m, k, lang)) : nothing}
      </ul>
      ${this.listOpen && !open ? html`<span class="hint" role="status">${T.noMaterial[lang]}</span>` : nothing}
    </div>`;
  }
}
