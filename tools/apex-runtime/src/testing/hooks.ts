/**
 * Test-framework hooks: Test.startTest/stopTest (fresh limits, async work and event delivery), database reset and
 * snapshots between test methods.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Runtime } from '../stdlib/runtime.js';
import { newCounters } from '../stdlib/limits.js';
import { UnsupportedError } from '../values/errors.js';

export interface TestHooks {
    resetDatabase(): void;
    snapshot(): unknown;
    restore(s: unknown): void;
    /** End of a test method / setup: nothing is committed in tests, but after-commit work is not run either. */
    finishTransaction(): void;
}

export function installTestHooks(rt: Runtime): TestHooks {
    rt.extensions.set('startTest', (r: Runtime) => {
        if (r.test.startTestCalled) throw r.platform('System.FinalException', 'Testing already started');
        r.test.startTestCalled = true;
        r.test.inStartStop = true;
        r.tx.savedLimits = r.tx.limits;
        r.tx.limits = newCounters();
        // test data created before startTest does not block callouts made inside the start/stop block
        r.tx.uncommittedWork = false;
    });
    rt.extensions.set('stopTest', (r: Runtime) => {
        if (!r.test.inStartStop) {
            if (r.test.startTestCalled) throw r.platform('System.FinalException', 'Testing has already been stopped');
            throw r.platform('System.FinalException', 'Testing has not started');
        }
        r.test.inStartStop = false;
        const drain = r.extensions.get('drainAsync');
        if (drain) drain(r);
        const deliver = r.extensions.get('deliverEvents');
        if (deliver) deliver(r);
        if (r.tx.savedLimits) r.tx.limits = r.tx.savedLimits;
        r.tx.savedLimits = null;
    });
    const db = () => rt.extensions.get('db') as any;
    return {
        resetDatabase() {
            const fn = rt.extensions.get('resetDatabase');
            if (fn) fn(rt);
        },
        snapshot() {
            const d = db();
            return d ? d.snapshot() : null;
        },
        restore(s: unknown) {
            const d = db();
            if (d && s !== null) d.restore(s);
        },
        finishTransaction() {
            void UnsupportedError;
        },
    };
}
