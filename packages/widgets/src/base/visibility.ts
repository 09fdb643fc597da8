import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls `onVisible` once, the first time the host element intersects the viewport after it is
 * connected (again after each reconnection): heavy work such as loading a drawing library waits
 * until the element is on screen.
 */
export class VisibilityController implements ReactiveController {
  private observer: IntersectionObserver | undefined;
  /** Whether the host has been on screen since it was connected. */
  visible = false;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly onVisible: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      this.visible = true;
      this.observer?.disconnect();
      this.onVisible();
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.visible = false;
  }
}
