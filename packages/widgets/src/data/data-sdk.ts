/** What `<toile-data>` needs of the SDK, in one module that it imports when it first loads data. */
export { buildIndex, createToileClient, loadToile, publishToile, readAudience, readToileText, validateToile } from '@toile/sdk';
