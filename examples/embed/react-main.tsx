// React 19 with the Toile custom elements, no wrapper: React 19 sets properties on custom elements
// (here `data`, the parsed document, and `selected`) and listens to their events with
// `on<event-name>` props (here `ontoile-selection-change`).
import '@toile/widgets/define'; // registers the tags before React sets properties on them
import { StrictMode, useEffect, useState, type HTMLAttributes } from 'react';
import { createRoot } from 'react-dom/client';
import type { ToileDocument } from '@toile/schema';

type Base = HTMLAttributes<HTMLElement> & { ref?: unknown; key?: string };
type SelectionEvent = CustomEvent<{ id: string | null }>;

// The elements React may render, with their attributes, properties and events.
declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'toile-data': Base & {
        src?: string;
        data?: unknown;
        selected?: string | null;
        audience?: string;
        'ontoile-selection-change'?: (event: SelectionEvent) => void;
      };
      'toile-network': Base & { layout?: 'geo' | 'force' | 'sector'; depth?: number; source?: string };
      'toile-company-card': Base & { establishment?: string; source?: string };
      'toile-synergy-finder': Base & { establishment?: string; 'radius-km'?: number | string; source?: string };
      'toile-domino-simulator': Base & { model?: 'cascade' | 'iim' | 'diim'; closed?: readonly string[]; source?: string };
    }
  }
}

function App() {
  const [doc, setDoc] = useState<ToileDocument | undefined>();
  const [failed, setFailed] = useState(false);
  const [selected, setSelected] = useState<string | null>('acierie');

  useEffect(() => {
    const controller = new AbortController();
    fetch('./port-estuaire.toile.json', { signal: controller.signal })
      .then((response) => response.json() as Promise<ToileDocument>)
      .then(setDoc)
      .catch(() => !controller.signal.aborted && setFailed(true));
    return () => controller.abort();
  }, []);

  const name = doc?.establishments.find((e) => e.id === selected)?.name ?? '—';
  return (
    <main>
      <h1>La toile dans une application React</h1>
      <p>
        Établissement choisi (état React) : <strong id="react-selection">{name}</strong>
      </p>
      <p>
        <button type="button" onClick={() => setSelected('papeterie')}>
          Choisir la papeterie depuis React
        </button>
      </p>
      {failed ? <p role="alert">Données indisponibles.</p> : null}
      {doc ? (
        <toile-data data={doc} selected={selected} ontoile-selection-change={(event) => setSelected(event.detail.id)}>
          <toile-network layout="geo" />
          <div className="pair">
            <toile-company-card />
            <toile-synergy-finder radius-km={25} />
          </div>
          <toile-domino-simulator model="cascade" />
        </toile-data>
      ) : (
        <p>Chargement…</p>
      )}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
