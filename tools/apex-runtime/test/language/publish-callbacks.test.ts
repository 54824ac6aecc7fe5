/**
 * Conformance: Apex publish callbacks (EventBus.publish with EventBus.EventPublishFailureCallback /
 * EventPublishSuccessCallback) and the test broker's fail() / deliver(). Each case cites the Platform Events
 * Developer Guide (platform_events) page its expected results come from; the first two cases follow the guide's own
 * MyCallbackTest and MyCallbackTestWithCorrelation examples.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFailures, runApex, testClass, type ProjectFiles } from './harness.js';

function expectAllPass(files: ProjectFiles): void {
    const results = runApex(files);
    assert.ok(results.size > 0, 'tests ran');
    const failures = describeFailures(results);
    assert.equal(failures, '', failures);
}

const EVENT = (behavior: string, eventType = 'HighVolume') => `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <deploymentStatus>Deployed</deploymentStatus>
    <eventType>${eventType}</eventType>
    <label>Order Event</label>
    <pluralLabel>Order Events</pluralLabel>
    <publishBehavior>${behavior}</publishBehavior>
</CustomObject>
`;
const ORDER_ID = `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Order_Id__c</fullName>
    <label>Order Id</label>
    <length>18</length>
    <type>Text</type>
    <required>false</required>
</CustomField>
`;

function eventFiles(behavior = 'PublishAfterCommit', eventType = 'HighVolume'): Record<string, string> {
    return {
        'main/default/objects/Order_Event__e/Order_Event__e.object-meta.xml': EVENT(behavior, eventType),
        'main/default/objects/Order_Event__e/fields/Order_Id__c.field-meta.xml': ORDER_ID,
    };
}

const TRIGGER = `trigger OrderEventTrigger on Order_Event__e (after insert) {
    for (Order_Event__e e : Trigger.new) CbState.delivered.add(e.EventUuid);
}`;
const STATE = `public class CbState {
    public static List<String> delivered = new List<String>();
    public static List<String> runningUserTypes = new List<String>();
}`;

// "Example: Publish Callback Class That Creates Follow-Up Tasks for Failed and Successful Publishes"
const FAILURE_AND_SUCCESS = `public class FailureAndSuccessCallback implements EventBus.EventPublishFailureCallback, EventBus.EventPublishSuccessCallback {
    public void onFailure(EventBus.FailureResult result) {
        insertTask(result.getEventUuids(), false);
    }
    public void onSuccess(EventBus.SuccessResult result) {
        insertTask(result.getEventUuids(), true);
    }
    private void insertTask(List<String> eventUuids, Boolean isSuccess) {
        CbState.runningUserTypes.add([SELECT UserType FROM User WHERE Id = :UserInfo.getUserId()].UserType);
        insert new Task(
            Subject = isSuccess ? 'Follow up on successful event publishing.' : 'Follow up on event publishing failures.',
            Description = eventUuids.size() + ' events. Event UUIDs: ' + String.join(eventUuids, ' '),
            ActivityDate = Date.today().addDays(3)
        );
    }
}`;

test('publish callbacks: fail() runs onFailure and removes the events; deliver() and stopTest() run onSuccess', () => {
    // platform_events_publish_callback_test.htm ("Test Apex Publish Callbacks", MyCallbackTest),
    // platform_events_publish_callback_invoke.htm (OPERATION_WITH_CALLBACK_ENQUEUED, UUID in the message),
    // platform_events_publish_callback_user.htm (the callback runs as the Automated Process user),
    // platform_events_publish_event_uuid.htm (newSObject(null, true) pre-populates EventUuid)
    expectAllPass({
        files: eventFiles(),
        triggers: { OrderEventTrigger: TRIGGER },
        classes: {
            CbState: STATE,
            FailureAndSuccessCallback: FAILURE_AND_SUCCESS,
            MyCallbackTest: testClass('MyCallbackTest', {
                failedEventsWithFail: `
        Order_Event__e event = (Order_Event__e) Order_Event__e.sObjectType.newSObject(null, true);
        event.Order_Id__c = '100';
        String uuid = event.EventUuid;
        Assert.isTrue(Pattern.matches('[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', uuid), uuid);
        Database.SaveResult sr = EventBus.publish(event, new FailureAndSuccessCallback());
        Assert.isTrue(sr.isSuccess(), 'queued');
        Assert.areEqual(StatusCode.OPERATION_WITH_CALLBACK_ENQUEUED, sr.getErrors()[0].getStatusCode());
        Assert.areEqual(uuid, sr.getErrors()[0].getMessage(), 'the event UUID is the message');
        Assert.areEqual(0, [SELECT COUNT() FROM Task], 'no result before the broker decides');
        Test.getEventBus().fail();
        List<Task> failed = [SELECT Subject, Description, CreatedById FROM Task];
        Assert.areEqual(1, failed.size());
        Assert.areEqual('Follow up on event publishing failures.', failed[0].Subject);
        Assert.isTrue(failed[0].Description.contains(uuid), failed[0].Description);
        Assert.areEqual(new List<String>{ 'AutomatedProcess' }, CbState.runningUserTypes);
        Test.getEventBus().deliver();
        Assert.areEqual(0, CbState.delivered.size(), 'failed events never reach a trigger');
        Assert.areEqual(1, [SELECT COUNT() FROM Task], 'and never succeed later');`,
                successfulEventsWithDeliver: `
        Order_Event__e event = (Order_Event__e) Order_Event__e.sObjectType.newSObject(null, true);
        event.Order_Id__c = '99';
        EventBus.publish(event, new FailureAndSuccessCallback());
        Test.getEventBus().deliver();
        List<Task> ok = [SELECT Subject, Description FROM Task];
        Assert.areEqual(1, ok.size());
        Assert.areEqual('Follow up on successful event publishing.', ok[0].Subject);
        Assert.isTrue(ok[0].Description.contains(event.EventUuid));
        Assert.areEqual(new List<String>{ event.EventUuid }, CbState.delivered, 'delivered with the same UUID');`,
                successfulEventsWithStopTest: `
        Test.startTest();
        Order_Event__e event = (Order_Event__e) Order_Event__e.sObjectType.newSObject(null, true);
        EventBus.publish(event, new FailureAndSuccessCallback());
        Test.stopTest();
        Assert.areEqual(1, [SELECT COUNT() FROM Task WHERE Subject = 'Follow up on successful event publishing.']);`,
                oneCallbackRunPerPublishCall: `
        List<Order_Event__e> events = new List<Order_Event__e>{ new Order_Event__e(Order_Id__c = 'a'), new Order_Event__e(Order_Id__c = 'b') };
        List<Database.SaveResult> results = EventBus.publish(events, new FailureAndSuccessCallback());
        Assert.areNotEqual(results[0].getErrors()[0].getMessage(), results[1].getErrors()[0].getMessage(), 'a UUID per event');
        Assert.isNull(events[0].EventUuid, 'an event made with new does not carry its UUID');
        EventBus.publish(new Order_Event__e(Order_Id__c = 'no callback'));
        Test.getEventBus().fail();
        Task t = [SELECT Description FROM Task];
        Assert.isTrue(t.Description.startsWith('2 events.'), t.Description);
        Assert.isTrue(t.Description.contains(results[0].getErrors()[0].getMessage()));
        Assert.isTrue(t.Description.contains(results[1].getErrors()[0].getMessage()));`,
            }),
        },
    });
});

test('publish callbacks: a callback that republishes is failed again by the next fail(), on the instance passed in', () => {
    // platform_events_publish_callback_example_correlate.htm (FailureCallbackWithCorrelation),
    // platform_events_publish_callback_test.htm (MyCallbackTestWithCorrelation)
    expectAllPass({
        files: eventFiles(),
        classes: {
            FailureCallbackWithCorrelation: `public class FailureCallbackWithCorrelation implements EventBus.EventPublishFailureCallback {
    public static final Integer MAX_RETRIES = 2;
    private Integer retryCounter = 0;
    private Map<String, String> uuidMap;
    public FailureCallbackWithCorrelation(Map<String, String> uuidMap) {
        this.uuidMap = uuidMap;
    }
    public void onFailure(EventBus.FailureResult result) {
        List<String> eventUuids = result.getEventUuids();
        Map<String, String> newUuidMap = new Map<String, String>();
        if (retryCounter < MAX_RETRIES) {
            List<Order_Event__e> events = new List<Order_Event__e>();
            for (String uuid : eventUuids) {
                Order_Event__e event = (Order_Event__e) Order_Event__e.sObjectType.newSObject(null, true);
                event.Order_Id__c = uuidMap.get(uuid);
                events.add(event);
                newUuidMap.put(event.EventUuid, event.Order_Id__c);
            }
            uuidMap = newUuidMap;
            EventBus.publish(events, this);
            retryCounter++;
        }
    }
    public Integer getRetryCounter() { return retryCounter; }
    public Map<String, String> getUuidMap() { return uuidMap; }
}`,
            MyCallbackTestWithCorrelation: testClass('MyCallbackTestWithCorrelation', {
                failedEventsWithFail: `
        Order_Event__e event = (Order_Event__e) Order_Event__e.sObjectType.newSObject(null, true);
        event.Order_Id__c = 'dummyOrderId';
        Map<String, String> uuidMap = new Map<String, String>();
        uuidMap.put(event.EventUuid, 'dummyOrderId');
        FailureCallbackWithCorrelation cb = new FailureCallbackWithCorrelation(uuidMap);
        Assert.areEqual(0, cb.getRetryCounter());
        EventBus.publish(event, cb);
        String prevUuid = event.EventUuid;
        for (Integer i = 1; i <= FailureCallbackWithCorrelation.MAX_RETRIES; i++) {
            Test.getEventBus().fail();
            Assert.areEqual(i, cb.getRetryCounter(), 'Retry counter should be ' + i);
            Assert.areEqual(1, cb.getUuidMap().size());
            String currUuid = (new List<String>(cb.getUuidMap().keySet())).get(0);
            Assert.areNotEqual(prevUuid, currUuid);
            Assert.areEqual('dummyOrderId', cb.getUuidMap().get(currUuid), 'the failed UUID was found in the map');
            prevUuid = currUuid;
        }
        EventBus.publish(event, cb);
        Test.getEventBus().fail();
        Assert.areEqual(FailureCallbackWithCorrelation.MAX_RETRIES, cb.getRetryCounter());`,
            }),
        },
    });
});

test('publish callbacks: only the implemented interface runs; a rolled-back publish never calls back', () => {
    // platform_events_publish_callback_class.htm (one interface per outcome),
    // platform_events_publish_apex.htm (publish-after-commit events are discarded when the transaction rolls back)
    expectAllPass({
        files: eventFiles(),
        classes: {
            CbState: STATE,
            FailureOnly: `public class FailureOnly implements EventBus.EventPublishFailureCallback {
    public static Integer failures = 0;
    public void onFailure(EventBus.FailureResult result) { failures += result.getEventUuids().size(); }
}`,
            CbKindsTest: testClass('CbKindsTest', {
                successIsNotReportedToAFailureCallback: `
        EventBus.publish(new Order_Event__e(), new FailureOnly());
        Test.getEventBus().deliver();
        Assert.areEqual(0, FailureOnly.failures);`,
                rollbackDropsTheCallback: `
        Savepoint sp = Database.setSavepoint();
        EventBus.publish(new Order_Event__e(), new FailureOnly());
        Database.rollback(sp);
        Test.getEventBus().fail();
        Assert.areEqual(0, FailureOnly.failures, 'the event was never published');`,
            }),
        },
    });
});

test('publish callbacks: what the platform does not accept fails loudly', () => {
    // platform_events_publish_callbacks.htm ("available for high-volume platform events"),
    // platform_events_publish_callback_practices.htm (a List<SObject> cannot be published with a callback)
    const run = (body: string, eventType = 'HighVolume') =>
        runApex({
            files: eventFiles('PublishAfterCommit', eventType),
            classes: {
                Cb: 'public class Cb implements EventBus.EventPublishFailureCallback { public void onFailure(EventBus.FailureResult r) {} }',
                CbLoudTest: testClass('CbLoudTest', { run: body }),
            },
        }).get('CbLoudTest.run')!;
    const generic = run(`List<SObject> events = new List<SObject>{ new Order_Event__e() };
        EventBus.publish(events, new Cb());`);
    assert.equal(generic.outcome, 'UNSUPPORTED', generic.message);
    assert.match(generic.message ?? '', /List<SObject>/);
    const standard = run('EventBus.publish(new Order_Event__e(), new Cb());', 'StandardVolume');
    assert.equal(standard.outcome, 'UNSUPPORTED', standard.message);
    assert.match(standard.message ?? '', /high-volume/);
});
