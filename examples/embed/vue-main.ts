// Vue 3 with the Toile custom elements, through render functions (`h`): Vue sets DOM properties
// when the element has them (here `data` and `selected`) and turns `onToileSelectionChange` into a
// listener for `toile-selection-change`. No template is compiled in the browser, so no `new Function`
// and no CSP exception. (With single-file components or in-DOM templates, tell the compiler which
// tags are custom elements: `compilerOptions: { isCustomElement: (tag) => tag.startsWith('toile-') }`.)
import '@toile/widgets/define';
import { createApp, defineComponent, h, markRaw, onMounted, ref, shallowRef } from 'vue';
import type { ToileDocument } from '@toile/schema';

const App = defineComponent({
  setup() {
    // shallowRef + markRaw: the document goes to the element as plain data, not as a Vue proxy.
    const doc = shallowRef<ToileDocument | undefined>();
    const failed = ref(false);
    const selected = ref<string | null>('acierie');
    onMounted(async () => {
      try {
        const response = await fetch('./port-estuaire.toile.json');
        doc.value = markRaw((await response.json()) as ToileDocument);
      } catch {
        failed.value = true;
      }
    });
    return () => {
      const name = doc.value?.establishments.find((e) => e.id === selected.value)?.name ?? '—';
      return h('main', [
        h('h1', 'La toile dans une application Vue'),
        h('p', ['Établissement choisi (état Vue) : ', h('strong', { id: 'vue-selection' }, name)]),
        h('p', [h('button', { type: 'button', onClick: () => (selected.value = 'papeterie') }, 'Choisir la papeterie depuis Vue')]),
        failed.value ? h('p', { role: 'alert' }, 'Données indisponibles.') : null,
        doc.value
          ? h(
              'toile-data',
              {
                data: doc.value,
                selected: selected.value,
                onToileSelectionChange: (event: CustomEvent<{ id: string | null }>) => (selected.value = event.detail.id),
              },
              [
                h('toile-network', { layout: 'geo' }),
                h('div', { class: 'pair' }, [h('toile-company-card'), h('toile-synergy-finder', { 'radius-km': 25 })]),
                h('toile-domino-simulator', { model: 'cascade' }),
              ],
            )
          : h('p', 'Chargement…'),
      ]);
    };
  },
});

createApp(App).mount('#app');
