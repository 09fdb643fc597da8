/// <reference types="mocha" />
/**
 * Imported by the tests that draw a `<toile-network>`: its virtualised list (lit-virtualizer) may
 * report the benign "ResizeObserver loop completed with undelivered notifications", which mocha
 * counts as a failure of whichever test is running. The library's README says to ignore it in tests;
 * its own helper does, for every test of the importing file.
 */
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';

setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);
