/**
 * Errors shared by the whole runtime. `UnsupportedError` is defined once (in the value layer) and re-exported
 * here, as DESIGN.md promises, so `instanceof` works across modules.
 */
export { PlatformError, UnsupportedError, isUnsupportedError } from './values/errors.js';

/** A failure of the runtime itself (bad project layout, syntax error): reported as an error, not as a test result. */
export class RuntimeSetupError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'RuntimeSetupError';
    }
}
