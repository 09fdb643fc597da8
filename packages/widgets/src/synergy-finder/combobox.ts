/**
 * The finder's search fields: a combobox (ARIA 1.2 pattern, list autocomplete) over a list of
 * choices searched as the user types — materials in the synergies mode, processes and product
 * codes in the capabilities mode. A reactive controller: it keeps what is typed, whether the list is
 * open and the active option, and re-renders its host when they change. What it searches, how it
 * reads a code typed in full and how it names things come from its {@link ComboboxConfig}.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Message, WidgetLang } from '../base/i18n.ts';

/** The element a combobox lives in: it re-renders on request and holds the field in its render root. */
export type ComboboxHost = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/** One choice of a combobox. */
export interface ComboboxOption {
  /** What the field's value is set to when the option is chosen. */
  readonly value: string;
  /** Shown in the list. */
  readonly label: Message;
}

/** What a combobox searches and how it names things. */
export interface ComboboxConfig<O extends ComboboxOption> {
  /** Id of the input; the options are `${id}-0`, `${id}-1`… */
  readonly id: string;
  /** Id of the listbox. */
  readonly listId: string;
  /** The field's label, the listbox's name, the clear button's name, and what is said when nothing matches. */
  readonly words: { readonly label: Message; readonly list: Message; readonly clear: Message; readonly none: Message };
  /** The options matching what is typed (best first). */
  search(query: string): readonly O[];
  /** The value of a code typed in full (Enter with the list closed), or undefined. */
  parse(text: string): string | undefined;
  /** The text shown in the field for a chosen value. */
  shown(value: string, lang: WidgetLang): string;
  /** The grey line under an option's label. */
  describe(option: O, lang: WidgetLang): string;
  /** A value was chosen (null: cleared). */
  choose(value: string | null): void;
}

/** A search field with its list of suggestions. */
export class SearchCombobox<O extends ComboboxOption> implements ReactiveController {
  /** Text typed in the field, until a value is chosen (null: show the chosen one). */
  private typing: string | null = null;
  private listOpen = false;
  private activeOption = -1;
  /** The option last scrolled into view. */
  private shownOption = -1;

  constructor(
    private readonly host: ComboboxHost,
    private readonly config: ComboboxConfig<O>,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.activeOption === this.shownOption) return;
    this.shownOption = this.activeOption;
    if (this.activeOption >= 0) this.host.renderRoot.querySelector(`#${this.config.id}-${this.activeOption}`)?.scrollIntoView({ block: 'nearest' });
  }

  private set(state: { typing?: string | null; listOpen?: boolean; activeOption?: number }): void {
    if (state.typing !== undefined) this.typing = state.typing;
    if (state.listOpen !== undefined) this.listOpen = state.listOpen;
    if (state.activeOption !== undefined) this.activeOption = state.activeOption;
    this.host.requestUpdate();
  }

  private options(): readonly O[] {
    return this.typing ? this.config.search(this.typing) : [];
  }

  private pick(value: string | null): void {
    this.set({ typing: null, listOpen: false, activeOption: -1 });
    this.config.choose(value);
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
        const parsed = text ? this.config.parse(text) : undefined;
        if (this.typing !== null && !text) this.pick(null);
        else if (this.listOpen && options.length) this.pick(options[Math.max(0, this.activeOption)]!.value);
        else if (parsed !== undefined) this.pick(parsed);
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

  private renderOption(o: O, k: number, lang: WidgetLang): TemplateResult {
    return html`<li
      id=${`${this.config.id}-${k}`}
      role="option"
      aria-selected=${k === this.activeOption ? 'true' : 'false'}
      @mousedown=${(e: Event) => e.preventDefault()}
      @click=${() => this.pick(o.value)}
    >
      <span>${o.label[lang]}</span>
      <span class="group">${this.config.describe(o, lang)}</span>
    </li>`;
  }

  /** The field, its clear button and the list of suggestions, for the chosen `value`. */
  render(value: string | null, lang: WidgetLang): TemplateResult {
    const { id, listId, words } = this.config;
    const options = this.listOpen ? this.options() : [];
    const open = this.listOpen && options.length > 0;
    const shown = this.typing ?? (value ? this.config.shown(value, lang) : '');
    return html`<div class="field combo">
      <label for=${id}>${words.label[lang]}</label>
      <div class="combo-input">
        <input
          id=${id}
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls=${listId}
          aria-activedescendant=${open && this.activeOption >= 0 ? `${id}-${this.activeOption}` : nothing}
          .value=${shown}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @blur=${this.onBlur}
        />
        ${value || this.typing ? html`<button type="button" class="clear" aria-label=${words.clear[lang]} @click=${() => this.pick(null)}>×</button>` : nothing}
      </div>
      <ul id=${listId} part="listbox" role="listbox" aria-label=${words.list[lang]} ?hidden=${!open}>
        ${open ? options.map((o, k) => this.renderOption(o, k, lang)) : nothing}
      </ul>
      ${this.listOpen && !open ? html`<span class="hint" role="status">${words.none[lang]}</span>` : nothing}
    </div>`;
  }
}
