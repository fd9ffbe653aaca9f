import { installMatchers } from './install';

/** Whether importing this module found jest's `expect` and added the matchers to it. */
export const MATCHERS_INSTALLED_ON_IMPORT = typeof (globalThis as any).expect?.extend === 'function';

// Inside jest, importing the testing module is enough; elsewhere (a script, the CLI) it does nothing.
if (MATCHERS_INSTALLED_ON_IMPORT) installMatchers();
