/**
 * Platform events: EventBus.publish (publish-after-commit vs publish-immediately, with or without a publish callback),
 * delivery to `after insert` triggers on `X__e` in batches, EventBus.TriggerContext (retries, setResumeCheckpoint),
 * RetryableException. Publish callbacks: eventbus-callbacks.ts.
 * Sources: Platform Events Developer Guide "Publishing Event Messages with Apex", "Retry Event Triggers with
 * EventBus.RetryableException", "Resume a Platform Event Trigger After an Uncaught Exception", "Testing Your
 * Platform Event in Apex".
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { randomUUID } from 'node:crypto';
import type { SObjectRecord } from '../data/record.js';
import { ApexList, NativeObject } from '../interpreter/rvalues.js';
import { isSObject } from '../interpreter/sobj.js';
import { PlatformError, isUnsupportedError } from '../values/errors.js';
import type { NativeRegistry } from './registry.js';
import { type Runtime, TxState } from './runtime.js';
import { dmlState, hasEventTrigger, runEventTriggers } from './dml.js';
import { PublishCallbacks } from './eventbus-callbacks.js';
import { npe } from './util.js';

interface SubscriberState {
    /** The event object (canonical name) the trigger subscribes to. */
    type: string;
    retries: number;
    checkpoint: string | null;
    lastError: string | null;
    errorState: boolean;
    /**
     * Test context: events the next delivery resends first, in replay order — a batch whose trigger threw
     * RetryableException, or the events after the checkpoint of an invocation that stopped early — followed by the
     * events that were queued behind them.
     */
    backlog: SObjectRecord[];
}

const MAX_RETRIES = 9;
const BATCH = 2000;
/**
 * "Event allocations don't apply to test events, which have their own publishing limit of 500 event messages in a
 * test method. If the number of event messages published from an Apex test context exceeds the limit, an error is
 * returned with the LIMIT_EXCEEDED status code ... in the SaveResult" (Platform Events Developer Guide, "Event and
 * Event Bus Properties in Test Context"). Every event published while the test method runs counts, its subscribers'
 * included; the guide does not say whether a call crossing the limit fails whole, so only the events past it fail.
 */
const TEST_PUBLISH_LIMIT = 500;

export function installEventBus(reg: NativeRegistry, rt: Runtime): void {
    const st = dmlState(rt);
    const db = st.db;
    const contexts: SubscriberState[] = [];
    const subscribers = new Map<string, SubscriberState>();
    const callbacks = new PublishCallbacks(db, st.userStack);
    let publishedInTest = 0;
    // The status code of a publish queued with a callback ("Invoke the Publish Callback").
    const statusCodes = reg.getByKey('statuscode')?.enumValues;
    if (statusCodes && !statusCodes.includes('OPERATION_WITH_CALLBACK_ENQUEUED')) statusCodes.push('OPERATION_WITH_CALLBACK_ENQUEUED');

    const publish = (r: Runtime, a: any[]): any => {
        const v = a[0];
        if (v === null) npe();
        const single = isSObject(v);
        const recs: SObjectRecord[] = single ? [v as unknown as SObjectRecord] : (v as ApexList).items;
        const callback = a.length > 1 ? callbacks.forPublish(a[1], v, recs) : null;
        const { results, events } = db.prepareEvents(recs);
        let i = 0;
        let immediateCounted = false;
        let afterCommitCounted = false;
        for (const res of results) {
            if (!res.success) continue;
            const ev = events[i++];
            if (r.test.running) {
                if (publishedInTest >= TEST_PUBLISH_LIMIT) {
                    res.success = false;
                    res.id = null;
                    res.errors = [{ statusCode: 'LIMIT_EXCEEDED', message: `An Apex test can publish at most ${TEST_PUBLISH_LIMIT} event messages`, fields: [] }];
                    continue;
                }
                publishedInTest++;
            }
            const def = db.objectDef(ev.type);
            const immediate = def.publishBehavior === 'PublishImmediately';
            if (immediate && !immediateCounted) {
                r.limit('publishImmediate');
                immediateCounted = true;
            }
            if (!immediate && !afterCommitCounted) {
                r.limit('dml');
                afterCommitCounted = true;
            }
            // publish-after-commit events are pending work (they count as DML); publish-immediately ones are not
            if (!immediate) r.tx.uncommittedWork = true;
            if (callback) {
                // "Invoke the Publish Callback": the queued publish reports OPERATION_WITH_CALLBACK_ENQUEUED with the UUID
                callbacks.track(ev, callback);
                res.errors = [{ statusCode: 'OPERATION_WITH_CALLBACK_ENQUEUED', message: String(ev.get('EventUuid')), fields: [] }];
            }
            r.test.events.push({ record: ev as any, immediate, seq: ++r.test.eventSeq });
        }
        // getOperationId: a UUID per successfully queued publish operation, null after a synchronous failure
        const opId = randomUUID();
        const objs = results.map((x) => new NativeObject('Database.SaveResult', { r: x, rt: r, operationId: x.success ? opId : null }));
        return single ? objs[0] : new ApexList({ k: 'native', name: 'Database.SaveResult' }, objs);
    };

    /** The events after the invocation's checkpoint: resent when the trigger stopped before the end of its batch. */
    const afterCheckpoint = (batch: SObjectRecord[], sub: SubscriberState): SObjectRecord[] => {
        if (sub.checkpoint === null) return [];
        const idx = batch.findIndex((x) => String(x.get('ReplayId')) === sub.checkpoint);
        return idx >= 0 ? batch.slice(idx + 1) : [];
    };

    /**
     * One trigger invocation, in its own transaction as the Automated Process user. Returns the events to resend: the
     * whole batch after a RetryableException (its DML and after-commit publishes rolled back, `retries` counted, the
     * error state after the 9th retry), the events after the checkpoint when the invocation stopped early (normally or
     * with an uncaught exception), otherwise none — an uncaught exception without a checkpoint drops the batch.
     */
    const runBatch = (r: Runtime, type: string, batch: SObjectRecord[], sub: SubscriberState): SObjectRecord[] => {
        const savedTx = r.tx;
        r.tx = new TxState();
        st.userStack.push(db.automatedProcessUserId);
        contexts.push(sub);
        sub.checkpoint = null;
        const sp = db.snapshot();
        const queued = r.test.events.length;
        try {
            runEventTriggers(r, type, batch);
            sub.retries = 0;
            return afterCheckpoint(batch, sub);
        } catch (e) {
            if (isUnsupportedError(e)) throw e;
            const ae = r.ip.toApexError(e);
            if (!ae) throw e;
            if (ae.obj.cls.name === 'System.AssertException') throw ae;
            if (ae.obj.cls.name === 'EventBus.RetryableException') {
                db.restore(sp);
                r.test.events = r.test.events.filter((x, i) => i < queued || x.immediate);
                sub.lastError = ae.message;
                if (sub.retries >= MAX_RETRIES) {
                    sub.errorState = true;
                    r.debug(`platform event trigger on ${type} moved to the error state after ${MAX_RETRIES} retries: ${ae.message}`);
                    return [];
                }
                sub.retries++;
                return batch;
            }
            sub.retries = 0;
            r.debug(`platform event trigger on ${type} failed: ${ae.typeName}: ${ae.message}`);
            return afterCheckpoint(batch, sub);
        } finally {
            contexts.pop();
            st.userStack.pop();
            r.tx = savedTx;
        }
    };

    const subscriberFor = (type: string): SubscriberState => {
        const key = type.toLowerCase();
        let sub = subscribers.get(key);
        if (!sub) {
            sub = { type, retries: 0, checkpoint: null, lastError: null, errorState: false, backlog: [] };
            subscribers.set(key, sub);
        }
        return sub;
    };

    const deliver = (r: Runtime): void => {
        const pending = r.test.events;
        r.test.events = [];
        const byType = new Map<string, SObjectRecord[]>();
        for (const sub of subscribers.values()) if (sub.backlog.length) byType.set(sub.type, []);
        for (const e of pending) {
            const t = e.record.type;
            const known = [...byType.keys()].find((k) => k.toLowerCase() === t.toLowerCase()) ?? t;
            byType.set(known, [...(byType.get(known) ?? []), e.record as unknown as SObjectRecord]);
        }
        for (const [type, events] of byType) {
            if (!hasEventTrigger(r, type)) continue;
            const sub = subscriberFor(type);
            // "Events sent after the trigger moves to the error state ... aren't resent to the trigger."
            let remaining = sub.errorState ? [] : [...sub.backlog, ...events];
            sub.backlog = [];
            while (remaining.length && !sub.errorState) {
                const batch = remaining.slice(0, BATCH);
                remaining = remaining.slice(BATCH);
                const resend = runBatch(r, type, batch, sub);
                if (!resend.length) continue;
                if (r.test.running) {
                    // "To force redelivery of a retried event message in an Apex test, call Test.EventBus.deliver()";
                    // the events after a checkpoint likewise come with the next deliver() ("Resume a Platform Event
                    // Trigger After an Uncaught Exception", TestBatchSizeTriggerResumption).
                    sub.backlog = [...resend, ...remaining];
                    break;
                }
                // Org session: resent at once; the platform's small, increasing delay before a retry is not modelled.
                remaining = [...resend, ...remaining];
            }
        }
    };
    rt.extensions.set('deliverEvents', callbacks.delivering(deliver));
    rt.extensions.set('failEvents', (r: Runtime) => callbacks.fail(r));
    rt.onReset(() => {
        subscribers.clear();
        contexts.length = 0;
        publishedInTest = 0;
    });

    reg.add({
        name: 'EventBus',
        key: 'eventbus',
        statics: {
            publish: publish,
            getoperationid: (_r, a) => {
                const res = a[0] as NativeObject;
                if (!res) npe();
                return res.data.operationId ?? null;
            },
        },
    });
    reg.add({
        name: 'EventBus.TriggerContext',
        key: 'eventbus.triggercontext',
        statics: {
            currentcontext: () => {
                const c = contexts[contexts.length - 1];
                if (!c) throw new PlatformError('System.InvalidParameterValueException', 'EventBus.TriggerContext is only available in a platform event trigger');
                return new NativeObject('EventBus.TriggerContext', { c });
            },
        },
        methods: {
            setresumecheckpoint: (_r, s: NativeObject, a) => {
                const id = a[0];
                if (id === null) throw new PlatformError('System.InvalidReplayIdException', 'Invalid replay ID: null');
                s.data.c.checkpoint = String(id);
                return null;
            },
            getresumecheckpoint: (_r, s: NativeObject) => s.data.c.checkpoint,
        },
        props: {
            retries: { get: (_r, s: NativeObject) => s.data.c.retries },
            lasterror: { get: (_r, s: NativeObject) => s.data.c.lastError },
        },
    });
}
