/**
 * Governor limits (Apex Developer Guide, "Execution Governors and Limits":
 * https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_gov_limits.htm).
 * Exceeding a limit throws the uncatchable System.LimitException.
 */
import { PlatformError } from '../values/errors.js';

export interface LimitCounters {
    soql: number;
    soqlRows: number;
    dml: number;
    dmlRows: number;
    callouts: number;
    queueables: number;
    futures: number;
    publishImmediate: number;
    emails: number;
    cpuStart: number;
}

export function newCounters(): LimitCounters {
    return { soql: 0, soqlRows: 0, dml: 0, dmlRows: 0, callouts: 0, queueables: 0, futures: 0, publishImmediate: 0, emails: 0, cpuStart: Date.now() };
}

export function limitValues(async: boolean): Record<keyof Omit<LimitCounters, 'cpuStart'>, number> {
    return {
        soql: async ? 200 : 100,
        soqlRows: 50000,
        dml: 150,
        dmlRows: 10000,
        callouts: 100,
        queueables: async ? 1 : 50,
        futures: 50,
        publishImmediate: 150,
        emails: 10,
    };
}

const MESSAGES: Record<keyof Omit<LimitCounters, 'cpuStart'>, string> = {
    soql: 'Too many SOQL queries',
    soqlRows: 'Too many query rows',
    dml: 'Too many DML statements',
    dmlRows: 'Too many DML rows',
    callouts: 'Too many callouts',
    queueables: 'Too many queueable jobs added to the queue',
    futures: 'Too many future calls',
    publishImmediate: 'Too many immediate EventBus.publish calls',
    emails: 'Too many Email Invocations',
};

export class LimitError extends PlatformError {
    readonly uncatchable = true;
    constructor(message: string) {
        super('System.LimitException', message);
    }
}

/** Adds `n` to a counter and throws the platform's LimitException when the limit is exceeded. */
export function consume(c: LimitCounters, key: keyof Omit<LimitCounters, 'cpuStart'>, async: boolean, n = 1): void {
    c[key] += n;
    const max = limitValues(async)[key];
    if (c[key] > max) throw new LimitError(`${MESSAGES[key]}: ${c[key]}`);
}
