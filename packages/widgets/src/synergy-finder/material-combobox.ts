/**
 * The synergies mode's material field: the finder's search combobox over families and EWC chapters,
 * sub-chapters and entries, searched in French and English and by the document's own labels.
 */
import { SearchCombobox, type ComboboxHost } from './combobox.ts';
import { materialLabel, parseMaterial, searchMaterials, type MaterialOption } from './materials.ts';
import { T } from './synergy-finder.strings.ts';

/** The material field of a host; `materials` gives every choice (the document's own labels included). */
export function materialCombobox(
  host: ComboboxHost,
  materials: () => readonly MaterialOption[],
  choose: (value: string | null) => void,
): SearchCombobox<MaterialOption> {
  return new SearchCombobox<MaterialOption>(host, {
    id: 'material',
    listId: 'materials',
    words: { label: T.material, list: T.materials, clear: T.clearMaterial, none: T.noMaterial },
    search: (query) => searchMaterials(materials(), query),
    parse: (text) => parseMaterial(text)?.value,
    shown: (value, lang) => {
      const chosen = parseMaterial(value);
      return chosen ? materialLabel(chosen, lang) : value;
    },
    describe: (m, lang) => {
      const labels = m.documentLabels;
      return `${T[m.group][lang]}${labels ? ` · ${T.inData[lang]} ${labels.slice(0, 3).join(', ')}${labels.length > 3 ? '…' : ''}` : ''}`;
    },
    choose,
  });
}
