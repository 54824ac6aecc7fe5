/**
 * Error responses.
 *
 * Partner Center's generic error body is `{ code, description, data, source }` [DOC]; whether the referrals host uses
 * exactly that shape is unconfirmed (spec §8 item 5), so the emulator can also answer with the OData-style
 * `{ error: { code, message, details } }` (config `errorShape`), and a client must key on the HTTP status.
 */

/** Which error body shape the emulator writes. */
export type ErrorShape = 'partnerCenter' | 'odata';

/** One problem in a request, for example a missing field. */
export interface ErrorDetail {
    /** Dotted path of the offending field, when there is one. */
    field?: string;
    message: string;
}

/** An error that maps to an HTTP response. */
export class ApiError extends Error {
    constructor(
        readonly status: number,
        /** Symbolic code used by the OData-style shape (`badRequest`, `preconditionFailed`, ...). */
        readonly code: string,
        message: string,
        readonly details: ErrorDetail[] = [],
        readonly headers: Record<string, string> = {}
    ) {
        super(message);
        this.name = 'ApiError';
    }
}

/** The description used for a stale If-Match, taken from the example `error-412.json`. */
export const PRECONDITION_FAILED_DESCRIPTION = 'The If-Match eTag does not match the current version of the referral.';

/** A 412 as answered for a stale or wrong `If-Match`. */
export function preconditionFailed(): ApiError {
    return new ApiError(412, 'preconditionFailed', PRECONDITION_FAILED_DESCRIPTION);
}

/** Renders an {@link ApiError} in the configured shape. */
export function errorBody(error: ApiError, shape: ErrorShape): unknown {
    if (error.status === 429) {
        // The documented throttling sample uses its own shape whatever the host [SDK-WH].
        const seconds = error.headers['Retry-After'] ?? '1';
        return { statusCode: 429, message: `Rate limit is exceeded. Try again in ${seconds} seconds.` };
    }
    if (shape === 'odata') {
        const message = error.status === 412 ? 'Etag value did not Match' : error.message;
        return {
            error: {
                code: error.code,
                message,
                details: error.details.map((detail) => ({
                    code: error.code,
                    target: detail.field ?? null,
                    message: detail.message
                }))
            }
        };
    }
    return {
        code: String(error.status),
        description: error.message,
        data: error.details.map((detail) => ({ ...detail })),
        source: 'PartnerReferrals'
    };
}
