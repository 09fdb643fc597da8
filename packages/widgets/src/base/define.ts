/**
 * Registers a custom element only when its tag is free: importing a define entry twice, or two
 * versions of the kit on one page, must never throw. A warning says which definition won.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing === undefined) {
    customElements.define(tag, constructor);
  } else if (existing !== constructor) {
    console.warn(`[toile] <${tag}> is already defined by another copy of the kit; that one is used.`);
  }
}
