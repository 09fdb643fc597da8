/**
 * What the kinship colour mode of `<toile-network>` needs of the SDK, in one module that the element
 * imports (`import()`) when the mode is first used: the network's own chunk stays as it was.
 */
export { isVisibleTo, prepareKinship, readAudience, relatedness } from '@toile/sdk';
