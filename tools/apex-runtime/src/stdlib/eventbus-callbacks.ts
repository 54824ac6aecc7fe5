/**
 * Apex publish callbacks: `EventBus.publish(event | events, callback)` with a class implementing
 * `EventBus.EventPublishFailureCallback` (`onFailure(EventBus.FailureResult)`) and/or
 * `EventBus.EventPublishSuccessCallback` (`onSuccess(EventBus.SuccessResult)`), both results answering
 * `getEventUuids()`; and the test broker's side of it: `Test.getEventBus().fail()` fails every event pending on the
 * test bus (callbacks' `onFailure` runs, no trigger receives them), `deliver()` / `Test.stopTest()` deliver them
 * (callbacks' `onSuccess` runs). Outside tests (the org session) a committed publish always succeeds: `onSuccess`
 * runs when the events are delivered after the commit.
 *
 * Sources (Platform Events Developer Guide):
 * - "Get the Result of Asynchronous Platform Event Publishing with Apex Publish Callbacks": callbacks are available for
 *   high-volume platform events only (legacy standard-volume events are not supported);
 * - "Callback Running User and Debug Logs": a callback runs as the Automated Process user;
 * - "Invoke the Publish Callback": a queued publish with a callback returns a successful SaveResult whose error has
 *   the status code OPERATION_WITH_CALLBACK_ENQUEUED and the event UUID as its message;
 * - "Create an Event with an EventUuid Field": `newSObject(null, true)` pre-populates `EventUuid` (the data layer);
 * - "Publish Callback Best Practices": a list published with a callback must be typed with the platform event, not
 *   `List<SObject>`; the system batches the callback executions of one publish call;
 * - "Test Apex Publish Callbacks" and its MyCallbackTestWithCorrelation example: fail() fails the events published so
 *   far and removes them from the test bus; events a callback republishes wait for the next fail()/deliver(); the test
 *   reads state the callback changed on the instance it passed to publish;
 * - "Apex Publish Callback Limits": a callback can publish with a callback recursively at most 10 times.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { OrgDatabase } from '../data/database.js';
import type { SObjectRecord } from '../data/record.js';
import { ApexList, ApexObject, NativeObject } from '../interpreter/rvalues.js';
import { UnsupportedError, isUnsupportedError } from '../values/errors.js';
import type { NativeRegistry } from './registry.js';
import { type PublishedEvent, type Runtime, TxState } from './runtime.js';

const FAILURE_CALLBACK = 'eventbus.eventpublishfailurecallback';
const SUCCESS_CALLBACK = 'eventbus.eventpublishsuccesscallback';
/** "Maximum number of times a publish callback method implementation can call EventBus.publish with a callback
 * recursively." */
const MAX_RECURSION = 10;

/** One `EventBus.publish(…, callback)` call: its callback instance and how deep in callback recursion it was made. */
export interface PublishCallback {
    instance: ApexObject;
    onFailure: boolean;
    onSuccess: boolean;
    depth: number;
}

/** Interfaces user classes implement: registered with the other standard interfaces, before classes are linked. */
export function installPublishCallbackInterfaces(reg: NativeRegistry): void {
    reg.add({ name: 'EventBus.EventPublishFailureCallback', key: FAILURE_CALLBACK, isInterface: true });
    reg.add({ name: 'EventBus.EventPublishSuccessCallback', key: SUCCESS_CALLBACK, isInterface: true });
    for (const name of ['FailureResult', 'SuccessResult']) {
        reg.add({
            name: `EventBus.${name}`,
            key: `eventbus.${name.toLowerCase()}`,
            isInterface: true,
            methods: { geteventuuids: (r, s: NativeObject) => r.strList([...(s.data.uuids as string[])]) },
        });
    }
}

/** The callback bookkeeping of one runtime (installed by installEventBus). */
export class PublishCallbacks {
    /** Callback of each published event (by the event record the bus holds). */
    private readonly byEvent = new WeakMap<object, PublishCallback>();
    /** Callbacks running now (innermost last), for the recursion limit. */
    private readonly running: PublishCallback[] = [];

    constructor(
        private readonly db: OrgDatabase,
        private readonly userStack: string[],
    ) {}

    /**
     * Checks a publish call's callback argument against what the platform accepts and returns its bookkeeping entry.
     * `events` is the first argument of the publish call (one event or a list).
     */
    forPublish(callback: unknown, events: unknown, records: SObjectRecord[]): PublishCallback {
        if (callback === null || callback === undefined) throw new UnsupportedError('EventBus.publish with a null callback');
        const instance = callback instanceof ApexObject ? callback : null;
        const onFailure = !!instance?.cls.hasNativeSuper(FAILURE_CALLBACK);
        const onSuccess = !!instance?.cls.hasNativeSuper(SUCCESS_CALLBACK);
        if (!instance || (!onFailure && !onSuccess)) {
            throw new UnsupportedError('EventBus.publish with a callback that implements neither EventBus.EventPublishFailureCallback nor EventBus.EventPublishSuccessCallback');
        }
        if (events instanceof ApexList && events.el.k === 'sobject' && events.el.name === null) {
            throw new UnsupportedError('EventBus.publish(List<SObject>, callback): the platform accepts a callback only with a list typed with the platform event');
        }
        for (const rec of records) {
            const def = this.db.objectDef(rec.type);
            if (def.eventType && def.eventType !== 'HighVolume') {
                throw new UnsupportedError(`EventBus.publish with a callback for the ${def.eventType} event ${def.name} (publish callbacks are available for high-volume platform events only)`);
            }
        }
        const parent = this.running[this.running.length - 1];
        const depth = parent ? parent.depth + 1 : 0;
        if (depth > MAX_RECURSION) {
            throw new UnsupportedError(`EventBus.publish with a callback nested more than ${MAX_RECURSION} callbacks deep (the platform limit's failure is not modelled)`);
        }
        return { instance, onFailure, onSuccess, depth };
    }

    /** Remembers the callback of a queued event. */
    track(event: object, callback: PublishCallback): void {
        this.byEvent.set(event, callback);
    }

    /**
     * `Test.getEventBus().fail()`: every pending event fails and leaves the bus; `onFailure` runs once per publish
     * call for its events. Events a callback publishes stay pending.
     */
    fail(r: Runtime): void {
        const failed = r.test.events;
        r.test.events = [];
        this.invoke(r, failed, 'failure');
    }

    /**
     * Wraps the event bus's delivery: `onSuccess` runs for the pending events published with a success callback, then
     * those events go to their triggers. Events published by the callbacks wait for the next delivery.
     */
    delivering(deliver: (r: Runtime) => void): (r: Runtime) => void {
        return (r: Runtime) => {
            const pending = r.test.events;
            if (!pending.some((e) => this.byEvent.get(e.record)?.onSuccess)) {
                deliver(r);
                return;
            }
            r.test.events = [];
            this.invoke(r, pending, 'success');
            const publishedByCallbacks = r.test.events;
            r.test.events = pending;
            deliver(r);
            r.test.events = [...publishedByCallbacks, ...r.test.events];
        };
    }

    /** Runs each publish call's callback once with the UUIDs of its events, as the Automated Process user. */
    private invoke(r: Runtime, events: PublishedEvent[], outcome: 'failure' | 'success'): void {
        const uuids = new Map<PublishCallback, string[]>();
        for (const e of events) {
            const cb = this.byEvent.get(e.record);
            if (!cb || !(outcome === 'failure' ? cb.onFailure : cb.onSuccess)) continue;
            uuids.set(cb, [...(uuids.get(cb) ?? []), String((e.record as unknown as SObjectRecord).get('EventUuid'))]);
        }
        for (const [cb, ids] of uuids) this.run(r, cb, outcome, ids);
    }

    private run(r: Runtime, cb: PublishCallback, outcome: 'failure' | 'success', uuids: string[]): void {
        const savedTx = r.tx;
        r.tx = new TxState();
        r.tx.isAsync = true;
        this.userStack.push(this.db.automatedProcessUserId);
        this.running.push(cb);
        const snapshot = this.db.snapshot();
        const queued = r.test.events.length;
        const result = new NativeObject(outcome === 'failure' ? 'EventBus.FailureResult' : 'EventBus.SuccessResult', { uuids });
        try {
            r.ip.callMethod(cb.instance, outcome === 'failure' ? 'onFailure' : 'onSuccess', [result]);
        } catch (e) {
            if (isUnsupportedError(e)) throw e;
            const ae = r.ip.toApexError(e);
            if (!ae) throw e;
            if (ae.obj.cls.name === 'System.AssertException') throw ae;
            // The callback is its own transaction: its work is rolled back and, as for a platform-event trigger, the
            // error goes to the debug log rather than to the code that published.
            this.db.restore(snapshot);
            r.test.events = r.test.events.filter((x, i) => i < queued || x.immediate);
            r.debug(`publish callback ${cb.instance.cls.name}.${outcome === 'failure' ? 'onFailure' : 'onSuccess'} failed: ${ae.typeName}: ${ae.message}`);
        } finally {
            this.running.pop();
            this.userStack.pop();
            r.tx = savedTx;
        }
    }
}
