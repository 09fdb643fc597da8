/**
 * Fetches the finder's capabilities mode — and the SDK's kinship code behind it — when the mode is
 * first shown, not with the finder: a page that only looks for synergies never downloads it.
 */
import type { CapabilitiesHooks, CapabilitiesMode } from './capabilities-mode.ts';
import type { ComboboxHost } from './combobox.ts';

/** At module level on purpose: inside a class member tsc does not rewrite the `.ts` of a dynamic import. */
const loadCapabilitiesMode = () => import('./capabilities-mode.ts');

/** The capabilities mode of one finder, once fetched. */
export class CapabilitiesLoader {
  /** The mode, once fetched. */
  mode: CapabilitiesMode | undefined;
  /** The fetch failed (the network, say): the finder says the mode is unavailable. */
  failed = false;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly host: ComboboxHost,
    private readonly hooks: CapabilitiesHooks,
  ) {}

  /** Starts fetching the mode (once); the host re-renders when it is there. */
  load(): void {
    this.pending ??= loadCapabilitiesMode().then(
      ({ CapabilitiesMode: Mode }) => {
        this.mode = new Mode(this.host, this.hooks);
        this.host.requestUpdate();
      },
      () => {
        this.failed = true;
        this.host.requestUpdate();
      },
    );
  }

  /** Waits for a fetch under way; true when there was one (the host then has an update to finish). */
  async settled(): Promise<boolean> {
    if (!this.pending || this.mode || this.failed) return false;
    await this.pending;
    return true;
  }
}
