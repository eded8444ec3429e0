/** The practice domain's wire shapes live in the shared contract (main, renderer and tests import them by value). */
export * from '../../../shared/contract/practice.js';
