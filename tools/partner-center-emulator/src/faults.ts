/**
 * Request fault injection: the next N matching requests get an injected answer (429 with Retry-After, 5xx, 412, any
 * status), a delay before normal handling (slow responses), or a dropped connection.
 */

import { randomUUID } from 'node:crypto';
import { ApiError } from './errors.ts';

/** A fault rule as stored. */
export interface RequestFault {
    id: string;
    /** HTTP method to match (any when absent). */
    method?: string;
    /** Regular expression tested against the path and query (any when absent). */
    path?: string;
    /** Answer with this status instead of handling the request. */
    status?: number;
    /** Retry-After seconds (429 and 503). */
    retryAfter?: number;
    /** Wait this long first (alone: a slow but otherwise normal response). */
    delayMs?: number;
    /** Close the connection without answering. */
    drop?: boolean;
    /** Response body override (JSON). */
    body?: unknown;
    /** Extra response headers. */
    headers?: Record<string, string>;
    /** Requests still affected. */
    remaining: number;
    /** Requests this rule already answered. */
    hits: number;
}

export class FaultInjector {
    rules: RequestFault[] = [];

    /** Adds a rule; `count` (default 1) is how many matching requests it affects. */
    add(input: Record<string, unknown>): RequestFault {
        const count = input.count === undefined ? 1 : input.count;
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
            throw new ApiError(400, 'badRequest', 'count must be a positive integer.');
        }
        const status = input.status;
        if (status !== undefined && (typeof status !== 'number' || status < 100 || status > 599)) {
            throw new ApiError(400, 'badRequest', 'status must be an HTTP status code.');
        }
        if (input.path !== undefined) {
            if (typeof input.path !== 'string') {
                throw new ApiError(400, 'badRequest', 'path must be a regular expression string.');
            }
            try {
                new RegExp(input.path);
            } catch (error) {
                throw new ApiError(
                    400,
                    'badRequest',
                    `path is not a valid regular expression: ${(error as Error).message}`
                );
            }
        }
        if (input.delayMs !== undefined && (typeof input.delayMs !== 'number' || input.delayMs < 0)) {
            throw new ApiError(400, 'badRequest', 'delayMs must be a non-negative number.');
        }
        if (status === undefined && input.delayMs === undefined && input.drop !== true) {
            throw new ApiError(400, 'badRequest', 'A fault needs status, delayMs or drop.');
        }
        const rule: RequestFault = {
            id: randomUUID(),
            method: typeof input.method === 'string' ? input.method.toUpperCase() : undefined,
            path: input.path as string | undefined,
            status: status as number | undefined,
            retryAfter: typeof input.retryAfter === 'number' ? input.retryAfter : undefined,
            delayMs: input.delayMs as number | undefined,
            drop: input.drop === true,
            body: input.body,
            headers: (input.headers as Record<string, string> | undefined) ?? undefined,
            remaining: count,
            hits: 0
        };
        this.rules.push(rule);
        return rule;
    }

    /** Finds and consumes the first rule matching the request. */
    take(method: string, pathAndQuery: string): RequestFault | undefined {
        const rule = this.rules.find(
            (candidate) =>
                candidate.remaining > 0 &&
                (!candidate.method || candidate.method === method.toUpperCase()) &&
                (!candidate.path || new RegExp(candidate.path).test(pathAndQuery))
        );
        if (!rule) {
            return undefined;
        }
        rule.remaining--;
        rule.hits++;
        this.rules = this.rules.filter((candidate) => candidate.remaining > 0);
        return rule;
    }

    clear(): void {
        this.rules = [];
    }
}
