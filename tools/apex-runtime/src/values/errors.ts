/**
 * Errors raised by the value and data layers.
 *
 * `PlatformError` stands for an Apex exception the platform would throw (for example
 * `System.MathException: Divide by 0`); the interpreter turns it into an Apex exception object of type
 * `apexType` with the same message, so Apex code can catch it.
 * `UnsupportedError` means the local runtime does not model the construct: it must fail the test loudly.
 */

/** An Apex exception raised by the value/data layer. `apexType` is the fully qualified Apex exception type. */
export class PlatformError extends Error {
    readonly apexType: string;

    constructor(apexType: string, message: string) {
        super(message);
        this.name = 'PlatformError';
        this.apexType = apexType;
    }
}

/**
 * A construct the local runtime does not implement. Never caught by Apex code; the test runner reports it as
 * `unsupported: <construct>`.
 */
export class UnsupportedError extends Error {
    readonly construct: string;

    constructor(construct: string, detail?: string) {
        super(`unsupported: ${construct}${detail ? ` (${detail})` : ''}`);
        this.name = 'UnsupportedError';
        this.construct = construct;
    }
}

/** True for any UnsupportedError, including one defined by another module of the runtime. */
export function isUnsupportedError(e: unknown): e is { name: string; construct: string; message: string } {
    return e instanceof Error && e.name === 'UnsupportedError';
}
