import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ToileData, ToileOverlay } from './toile-data.component.ts';

/** What a widget does when the shared overlay of its `<toile-data>` is set or cleared. */
export type OverlayFollower = (overlay: ToileOverlay | undefined) => void;

/**
 * Connects a widget to its `<toile-data>`: the nearest one up the tree, or the one whose id the
 * widget's `source` attribute names. The host re-renders when the data or the selection changes.
 * A widget that paints the shared overlay gives `onOverlay`: it is called at once when the overlay
 * changes (so that whoever set it finds it painted) and on attaching, with the provider's overlay.
 */
export class DataController implements ReactiveController {
  provider: ToileData | undefined;
  private readonly onChange = () => this.host.requestUpdate();

  private readonly overlayChanged = () => this.onOverlay?.(this.provider?.overlay);

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { source?: string | null },
    private readonly onOverlay?: OverlayFollower,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // The provider may be defined after the widget: wait for the tag before looking it up.
    void customElements.whenDefined('toile-data').then(() => this.attach());
  }

  hostDisconnected(): void {
    this.detach();
    this.stopWaiting();
  }

  // A widget may come before its <toile-data source> in the page: when the lookup fails, look again
  // each time a provider announces data (the event bubbles to the document).
  private waiting = false;
  private readonly retry = () => {
    if (!this.provider) this.attach();
  };

  private stopWaiting(): void {
    if (!this.waiting) return;
    this.waiting = false;
    this.host.ownerDocument.removeEventListener('toile-data-change', this.retry);
  }

  /** Looks the provider up again (after `source` changed, say). */
  attach(): void {
    this.detach();
    const id = this.host.source;
    const root = this.host.getRootNode() as Document | ShadowRoot;
    const found = id ? (root.getElementById?.(id) ?? this.host.ownerDocument.getElementById(id)) : this.host.closest('toile-data');
    if (!found || found.localName !== 'toile-data') {
      if (!this.waiting && this.host.isConnected) {
        this.waiting = true;
        this.host.ownerDocument.addEventListener('toile-data-change', this.retry);
      }
      return;
    }
    this.stopWaiting();
    this.provider = found as ToileData;
    this.provider.addEventListener('toile-data-change', this.onChange);
    this.provider.addEventListener('toile-selection-change', this.onChange);
    this.provider.addEventListener('toile-highlight-change', this.onChange);
    this.provider.addEventListener('toile-data-error', this.onChange);
    this.provider.addEventListener('toile-overlay-change', this.overlayChanged);
    this.host.requestUpdate();
    this.overlayChanged();
  }

  private detach(): void {
    this.provider?.removeEventListener('toile-data-change', this.onChange);
    this.provider?.removeEventListener('toile-selection-change', this.onChange);
    this.provider?.removeEventListener('toile-highlight-change', this.onChange);
    this.provider?.removeEventListener('toile-data-error', this.onChange);
    this.provider?.removeEventListener('toile-overlay-change', this.overlayChanged);
    this.provider = undefined;
  }
}
