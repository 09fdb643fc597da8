/**
 * Work an element started (an API call) that its `updateComplete` waits for: after
 * `await el.updateComplete`, the outcome of every call under way is rendered. One home for the
 * elements that talk to the API (`<toile-moderation>`, `<toile-workshop>`).
 */
export class PendingWork {
  private current: Promise<void> | undefined;

  /** Tracks `work`: `settle` waits for it (and for whatever is tracked meanwhile). */
  track(work: Promise<void>): Promise<void> {
    const p = work.finally(() => {
      if (this.current === p) this.current = undefined;
    });
    this.current = p;
    return p;
  }

  /** Waits for the tracked work, then for the render it caused (`update`: the element's own `super.getUpdateComplete`). */
  async settle(update: () => Promise<boolean>): Promise<boolean> {
    let done = await update();
    while (this.current) {
      await this.current.catch(() => undefined);
      done = await update();
    }
    return done;
  }
}
