/**
 * Resident memory of Chromium's renderer processes (src/cli/browser/rendererMemory.ts). Browser
 * test files run one at a time, so the renderers on the machine are the current test's.
 */
export { rendererResidentMib } from '../../src/cli/browser/rendererMemory';
