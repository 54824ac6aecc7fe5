/**
 * Conformance: platform behaviour (data, limits, callouts, async, events). Each case cites the Apex Developer Guide
 * (apexcode) or Apex Reference (apexref) page its expected results come from.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFailures, runApex, testClass } from './harness.js';

function expectAllPass(files: Parameters<typeof runApex>[0]): void {
    const results = runApex(files);
    assert.ok(results.size > 0, 'tests ran');
    const failures = describeFailures(results);
    assert.equal(failures, '', failures);
}

test('DML, SOQL, QueryException rules, DmlException details, savepoints', () => {
    // apexcode: langCon_apex_dml_database_errors.htm, langCon_apex_transaction_control.htm,
    // langCon_apex_SOQL_single_row.htm ("List has no rows for assignment to SObject")
    expectAllPass({
        classes: {
            PlatDmlTest: testClass('PlatDmlTest', {
                dmlAndSoql: `
        Account a = new Account(Name = 'Acme');
        insert a;
        Assert.isNotNull(a.Id);
        Assert.areEqual(18, String.valueOf(a.Id).length());
        Account q = [SELECT Id, Name FROM Account WHERE Id = :a.Id];
        Assert.areEqual('Acme', q.Name);
        Assert.areEqual(1, [SELECT COUNT() FROM Account WHERE Name LIKE 'Ac%']);
        try {
            Account none = [SELECT Id FROM Account WHERE Name = 'nobody'];
            Assert.fail('no exception');
        } catch (QueryException e) {
            Assert.areEqual('List has no rows for assignment to SObject', e.getMessage());
        }
        insert new Account(Name = 'Second');
        try {
            Account two = [SELECT Id FROM Account];
            Assert.fail('no exception');
        } catch (QueryException e) {
            Assert.areEqual('List has more than 1 row for assignment to SObject', e.getMessage());
        }`,
                dmlException: `
        try {
            insert new Account();
            Assert.fail('no exception');
        } catch (DmlException e) {
            Assert.areEqual(1, e.getNumDml());
            Assert.areEqual(StatusCode.REQUIRED_FIELD_MISSING, e.getDmlType(0));
            Assert.isTrue(e.getMessage().startsWith('Insert failed. First exception on row 0; first error: REQUIRED_FIELD_MISSING'));
        }
        List<Database.SaveResult> rs = Database.insert(new List<Account>{ new Account(Name = 'ok'), new Account() }, false);
        Assert.isTrue(rs[0].isSuccess());
        Assert.isFalse(rs[1].isSuccess());
        Assert.areEqual(StatusCode.REQUIRED_FIELD_MISSING, rs[1].getErrors()[0].getStatusCode());`,
                savepoint: `
        Savepoint sp = Database.setSavepoint();
        insert new Account(Name = 'Temp');
        Database.rollback(sp);
        Assert.areEqual(0, [SELECT COUNT() FROM Account]);`,
                dynamicSoql: `
        insert new Account(Name = 'Dyn');
        String n = 'Dyn';
        List<Account> l = Database.query('SELECT Id FROM Account WHERE Name = :n');
        Assert.areEqual(1, l.size());
        List<Account> l2 = Database.queryWithBinds('SELECT Id FROM Account WHERE Name = :nm', new Map<String, Object>{ 'nm' => 'Dyn' }, AccessLevel.SYSTEM_MODE);
        Assert.areEqual(1, l2.size());`,
            }),
        },
    });
});

test('triggers: context variables, addError, recursion through DML', () => {
    // apexcode: apex_triggers_context_variables.htm, apex_triggers_exceptions.htm
    expectAllPass({
        triggers: {
            PlatAccountTrigger: `trigger PlatAccountTrigger on Account (before insert, after insert, before update) {
    PlatTriggerLog.events.add((Trigger.isBefore ? 'before ' : 'after ') + (Trigger.isInsert ? 'insert' : 'update') + ' ' + Trigger.size + ' ' + Trigger.operationType);
    if (Trigger.isBefore && Trigger.isInsert) {
        for (Account a : Trigger.new) {
            if (a.Name == 'reject') a.addError('Rejected by trigger');
            a.Description = 'stamped';
        }
        Assert.isNull(Trigger.newMap, 'no newMap in before insert');
    }
    if (Trigger.isUpdate) Assert.areEqual(Trigger.old[0].Id, Trigger.new[0].Id);
}`,
        },
        classes: {
            PlatTriggerLog: 'public class PlatTriggerLog { public static List<String> events = new List<String>(); }',
            PlatTriggerTest: testClass('PlatTriggerTest', {
                contextVariables: `
        insert new List<Account>{ new Account(Name = 'a'), new Account(Name = 'b') };
        Assert.areEqual(new List<String>{ 'before insert 2 BEFORE_INSERT', 'after insert 2 AFTER_INSERT' }, PlatTriggerLog.events);
        Account saved = [SELECT Description FROM Account WHERE Name = 'a'];
        Assert.areEqual('stamped', saved.Description, 'before-trigger changes are saved');
        update saved;
        Assert.areEqual('before update 1 BEFORE_UPDATE', PlatTriggerLog.events[2]);`,
                addError: `
        Database.SaveResult r = Database.insert(new Account(Name = 'reject'), false);
        Assert.isFalse(r.isSuccess());
        Assert.areEqual('Rejected by trigger', r.getErrors()[0].getMessage());`,
            }),
        },
    });
});

test('governor limits: LimitException is not catchable and names the limit', () => {
    // apexcode: apex_gov_limits.htm ("Total number of SOQL queries issued: 100"); Limits methods: apexref apex_methods_system_limits.htm
    const results = runApex({
        classes: {
            PlatLimitTest: testClass('PlatLimitTest', {
                soqlLimit: `
        try {
            for (Integer i = 0; i < 101; i++) {
                List<Account> l = [SELECT Id FROM Account];
            }
        } catch (Exception e) {
            Assert.fail('LimitException must not be catchable');
        }`,
                limitsMethods: `
        List<Account> l = [SELECT Id FROM Account];
        Assert.areEqual(1, Limits.getQueries());
        Assert.areEqual(100, Limits.getLimitQueries());
        Assert.areEqual(150, Limits.getLimitDmlStatements());
        Test.startTest();
        Assert.areEqual(0, Limits.getQueries(), 'startTest gives a fresh set of limits');
        Test.stopTest();`,
            }),
        },
    });
    const r = results.get('PlatLimitTest.soqlLimit')!;
    assert.equal(r.outcome, 'ERROR');
    assert.equal(r.message, 'System.LimitException: Too many SOQL queries: 101');
    assert.equal(results.get('PlatLimitTest.limitsMethods')!.outcome, 'PASS', describeFailures(results));
});

const MOCK = `@IsTest
public class PlatMock implements HttpCalloutMock {
    public HttpRequest last;
    public HttpResponse respond(HttpRequest req) {
        last = req;
        HttpResponse res = new HttpResponse();
        res.setStatusCode(201);
        res.setHeader('Content-Type', 'application/json');
        res.setBody('{"id":"r1","amount":10.50,"when":"2025-03-03T14:05:21.4579542Z","extra":true}');
        return res;
    }
}`;

const NAMED_CREDENTIAL = `<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
    <namedCredentialParameters>
        <parameterName>Url</parameterName>
        <parameterType>Url</parameterType>
        <parameterValue>https://api.example.com</parameterValue>
    </namedCredentialParameters>
</NamedCredential>
`;

test('callouts: mocks, callout: endpoints, typed JSON, callout rules', () => {
    // apexcode: apex_classes_restful_http_testing_httpcalloutmock.htm, apex_callouts_named_credentials.htm,
    // apex_callouts_timeouts.htm ("You have uncommitted work pending. Please commit or rollback before calling out"),
    // apex_testing_unit_tests (callouts without a mock: "Methods defined as TestMethod do not support Web service callouts");
    // apexref: apex_class_System_Json.htm (deserialize ignores unknown keys; deserializeStrict rejects them)
    const results = runApex({
        files: { 'main/default/namedCredentials/Api.namedCredential-meta.xml': NAMED_CREDENTIAL },
        classes: {
            PlatMock: MOCK,
            PlatClient: `public class PlatClient {
    public class Result { public String id; public Decimal amount; public Datetime whenAt; public Datetime when; }
    public static Result call() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Api/v1/things');
        req.setMethod('PATCH');
        req.setHeader('If-Match', '"etag"');
        req.setBody('{}');
        HttpResponse res = new Http().send(req);
        Assert.areEqual(201, res.getStatusCode());
        return (Result) JSON.deserialize(res.getBody(), Result.class);
    }
}`,
            PlatCalloutTest: testClass('PlatCalloutTest', {
                mocked: `
        PlatMock m = new PlatMock();
        Test.setMock(HttpCalloutMock.class, m);
        PlatClient.Result r = PlatClient.call();
        Assert.areEqual('r1', r.id);
        Assert.areEqual('10.50', String.valueOf(r.amount), 'Decimal keeps its scale');
        Assert.areEqual(Datetime.newInstanceGmt(2025, 3, 3, 14, 5, 21).addMilliseconds(457), r.when);
        Assert.areEqual('callout:Api/v1/things', m.last.getEndpoint());
        Assert.areEqual('PATCH', m.last.getMethod());
        Assert.areEqual('"etag"', m.last.getHeader('if-match'));`,
                strict: `
        try {
            JSON.deserializeStrict('{"id":"x","nope":1}', PlatClient.Result.class);
            Assert.fail('no exception');
        } catch (JSONException e) {
            Assert.isTrue(e.getMessage().contains('nope'));
        }`,
                noMock: `
        try {
            PlatClient.call();
            Assert.fail('no exception');
        } catch (CalloutException e) {
            Assert.areEqual('Methods defined as TestMethod do not support Web service callouts', e.getMessage());
        }`,
                afterDml: `
        Test.setMock(HttpCalloutMock.class, new PlatMock());
        insert new Account(Name = 'x');
        try {
            PlatClient.call();
            Assert.fail('no exception');
        } catch (CalloutException e) {
            Assert.areEqual('You have uncommitted work pending. Please commit or rollback before calling out', e.getMessage());
        }`,
            }),
        },
    });
    assert.equal(describeFailures(results), '');
});

test('async: Queueable runs at stopTest, finalizers see the outcome, duplicate signatures are refused', () => {
    // apexcode: apex_queueing_jobs.htm, apex_transaction_finalizers.htm; apexref: apex_class_System_AsyncOptions.htm
    expectAllPass({
        classes: {
            PlatJob: `public class PlatJob implements Queueable {
    public static Integer runs = 0;
    public Boolean fail = false;
    public void execute(QueueableContext ctx) {
        System.attachFinalizer(new PlatFinalizer());
        runs++;
        insert new Account(Name = 'from job');
        if (fail) throw new IllegalArgumentException('job failed');
    }
}`,
            PlatFinalizer: `public class PlatFinalizer implements Finalizer {
    public static List<String> results = new List<String>();
    public void execute(FinalizerContext ctx) {
        results.add(ctx.getResult().name() + (ctx.getException() == null ? '' : ':' + ctx.getException().getMessage()));
    }
}`,
            PlatAsyncTest: testClass('PlatAsyncTest', {
                queueable: `
        Test.startTest();
        Id jobId = System.enqueueJob(new PlatJob());
        Assert.areEqual(0, PlatJob.runs, 'not run before stopTest');
        Test.stopTest();
        Assert.areEqual(1, PlatJob.runs);
        Assert.areEqual(1, [SELECT COUNT() FROM Account WHERE Name = 'from job']);
        Assert.areEqual('Completed', [SELECT Status FROM AsyncApexJob WHERE Id = :jobId].Status);
        Assert.areEqual(new List<String>{ 'SUCCESS' }, PlatFinalizer.results);`,
                failingJob: `
        PlatJob j = new PlatJob();
        j.fail = true;
        Test.startTest();
        System.enqueueJob(j);
        Test.stopTest();
        Assert.areEqual(new List<String>{ 'UNHANDLED_EXCEPTION:job failed' }, PlatFinalizer.results);
        Assert.areEqual(0, [SELECT COUNT() FROM Account WHERE Name = 'from job'], 'the failed job rolled back');`,
                duplicate: `
        AsyncOptions o = new AsyncOptions();
        o.DuplicateSignature = new QueueableDuplicateSignature.Builder().addString('k').build();
        System.enqueueJob(new PlatJob(), o);
        try {
            System.enqueueJob(new PlatJob(), o);
            Assert.fail('no exception');
        } catch (DuplicateMessageException e) {
            Assert.isNotNull(e.getMessage());
        }`,
            }),
        },
    });
});

const EVENT_OBJECT = (behavior: string) => `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <deploymentStatus>Deployed</deploymentStatus>
    <eventType>HighVolume</eventType>
    <label>Ping</label>
    <pluralLabel>Pings</pluralLabel>
    <publishBehavior>${behavior}</publishBehavior>
</CustomObject>
`;
const EVENT_FIELD = `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Message__c</fullName>
    <label>Message</label>
    <length>255</length>
    <type>Text</type>
    <required>false</required>
</CustomField>
`;

test('platform events: delivered at stopTest / deliver(), after-commit events dropped on rollback, 500 per test method', () => {
    // Platform Events Developer Guide: platform_events_test.htm, platform_events_publish_apex.htm,
    // platform_events_test_events.htm ("their own publishing limit of 500 event messages in a test method ... an
    // error is returned with the LIMIT_EXCEEDED status code ... in the SaveResult")
    expectAllPass({
        files: {
            'main/default/objects/Ping__e/Ping__e.object-meta.xml': EVENT_OBJECT('PublishAfterCommit'),
            'main/default/objects/Ping__e/fields/Message__c.field-meta.xml': EVENT_FIELD,
        },
        triggers: {
            PingTrigger: `trigger PingTrigger on Ping__e (after insert) {
    for (Ping__e p : Trigger.new) PlatEvents.received.add(p.Message__c);
}`,
        },
        classes: {
            PlatEvents: 'public class PlatEvents { public static List<String> received = new List<String>(); }',
            PlatEventTest: testClass('PlatEventTest', {
                delivery: `
        Database.SaveResult r = EventBus.publish(new Ping__e(Message__c = 'one'));
        Assert.isTrue(r.isSuccess());
        Assert.areEqual(0, PlatEvents.received.size(), 'not delivered yet');
        Test.getEventBus().deliver();
        Assert.areEqual(new List<String>{ 'one' }, PlatEvents.received);`,
                rollback: `
        Savepoint sp = Database.setSavepoint();
        EventBus.publish(new Ping__e(Message__c = 'dropped'));
        Database.rollback(sp);
        Test.getEventBus().deliver();
        Assert.areEqual(0, PlatEvents.received.size(), 'publish-after-commit events are discarded on rollback');`,
                limitPerTestMethod: `
        List<Ping__e> first = new List<Ping__e>();
        for (Integer i = 0; i < 450; i++) first.add(new Ping__e(Message__c = 'a' + i));
        for (Database.SaveResult r : EventBus.publish(first)) Assert.isTrue(r.isSuccess());
        Test.getEventBus().deliver();
        List<Ping__e> second = new List<Ping__e>();
        for (Integer i = 0; i < 100; i++) second.add(new Ping__e(Message__c = 'b' + i));
        List<Database.SaveResult> results = EventBus.publish(second);
        Integer refused = 0;
        for (Database.SaveResult r : results) {
            if (!r.isSuccess()) {
                Assert.areEqual(StatusCode.LIMIT_EXCEEDED, r.getErrors()[0].getStatusCode());
                refused++;
            }
        }
        Assert.areEqual(50, refused, 'the events past the 500th are refused');
        Assert.isTrue(results[49].isSuccess(), 'the 500th is published');
        Test.getEventBus().deliver();
        Assert.areEqual(500, PlatEvents.received.size(), 'delivery does not reset the count');`,
                limitIsPerTestMethod: `
        List<Ping__e> events = new List<Ping__e>();
        for (Integer i = 0; i < 500; i++) events.add(new Ping__e(Message__c = 'c' + i));
        for (Database.SaveResult r : EventBus.publish(events)) Assert.isTrue(r.isSuccess(), 'a new test method starts at 0');`,
            }),
        },
    });
});

test('standard library: String, Decimal, Date, Math, EncodingUtil, Crypto', () => {
    // apexref: apex_methods_system_string.htm, apex_methods_system_decimal.htm, apex_methods_system_date.htm,
    // apex_methods_system_math.htm, apex_classes_restful_encodingUtil.htm, apex_classes_restful_crypto.htm
    expectAllPass({
        classes: {
            PlatStdTest: testClass('PlatStdTest', {
                strings: `
        Assert.areEqual('Hello...', 'Hello World'.abbreviate(8));
        Assert.areEqual('He', 'Hello'.left(2));
        Assert.areEqual('lo', 'Hello'.right(2));
        Assert.areEqual('ell', 'Hello'.mid(1, 3));
        Assert.isTrue(String.isBlank('  '));
        Assert.isTrue('Hello'.containsIgnoreCase('LL'));
        Assert.areEqual('a,b', String.join(new List<String>{ 'a', 'b' }, ','));
        Assert.areEqual(new List<String>{ 'a', 'b', 'c' }, 'a-b-c'.split('-'));
        Assert.areEqual('It\\\\\\'s', String.escapeSingleQuotes('It\\'s'));
        Assert.areEqual('Hi Ann, you are 3', String.format('Hi {0}, you are {1}', new List<Object>{ 'Ann', 3 }));
        Assert.areEqual('It\\'s {0}: x', String.format('It\\'\\'s \\'{0}\\': {0}', new List<Object>{ 'x' }), 'MessageFormat quoting');
        Assert.areEqual('00042', '42'.leftPad(5, '0'));
        Assert.areEqual('ABC', 'abc'.toUpperCase());
        Assert.areEqual('abc', 'aXbXc'.replaceAll('X', ''));
        Assert.areEqual('b', 'a,b,c'.substringBetween(',', ','));`,
                decimals: `
        Decimal d = 1.10;
        Assert.areEqual('1.10', String.valueOf(d), 'scale is kept');
        Assert.areEqual('2.20', String.valueOf(d * 2));
        Assert.areEqual(1.2, d.setScale(1, RoundingMode.HALF_UP) + 0.1);
        Assert.areEqual('3.333', String.valueOf(Decimal.valueOf(10).divide(3, 3)));
        Assert.areEqual(2, Math.max(1, 2));
        Assert.areEqual(1, Math.mod(7, 3));
        Assert.areEqual(3, Math.abs(-3));`,
                dates: `
        Date d = Date.newInstance(2024, 1, 31);
        Assert.areEqual(Date.newInstance(2024, 2, 29), d.addMonths(1), 'end of month is clamped');
        Assert.areEqual(29, Date.daysInMonth(2024, 2));
        Assert.areEqual('2024-01-31', String.valueOf(d));
        // concatenation prints a Date with a midnight time (salesforce.stackexchange.com/questions/222601)
        Assert.areEqual('d 2024-01-31 00:00:00', 'd ' + d);
        Assert.areEqual(1, d.daysBetween(d.addDays(1)));
        Datetime dt = Datetime.newInstanceGmt(2025, 3, 3, 14, 5, 21);
        Assert.areEqual('2025-03-03T14:05:21.000Z', JSON.serialize(dt).replace('"', ''));`,
                encoding: `
        Blob b = Blob.valueOf('hello');
        Assert.areEqual('aGVsbG8=', EncodingUtil.base64Encode(b));
        Assert.areEqual('hello', EncodingUtil.base64Decode('aGVsbG8=').toString());
        Assert.areEqual('68656c6c6f', EncodingUtil.convertToHex(b));
        Assert.areEqual('a+b%26c', EncodingUtil.urlEncode('a b&c', 'UTF-8'));
        Assert.areEqual('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
            EncodingUtil.convertToHex(Crypto.generateDigest('SHA-256', b)));`,
                jsonUntyped: `
        Map<String, Object> m = (Map<String, Object>) JSON.deserializeUntyped('{"a":1,"b":[true,null],"c":{"d":"e"},"n":1.50}');
        Assert.areEqual(1, m.get('a'));
        Assert.areEqual(2, ((List<Object>) m.get('b')).size());
        Assert.areEqual('e', ((Map<String, Object>) m.get('c')).get('d'));
        Assert.areEqual(1.50, m.get('n'));
        Assert.areEqual('{"a":1,"b":null}', JSON.serialize(new Map<String, Object>{ 'a' => 1, 'b' => null }));
        Assert.areEqual('{"a":1}', JSON.serialize(new Map<String, Object>{ 'a' => 1, 'b' => null }, true));`,
            }),
        },
    });
});

test('platform-event triggers: RetryableException resends the batch on the next delivery, up to the error state; checkpoints resume', () => {
    // Platform Events Developer Guide: platform_events_subscribe_apex_refire.htm (RetryableException: the batch is
    // resent, DML rolled back, `retries` counted, error state after 9 retries), platform_events_test_retry.htm ("To
    // force redelivery of a retried event message in an Apex test, call Test.EventBus.deliver()"; MyTestClassRetryDoc
    // expects Retries = i + 1 after each deliver()), platform_events_subscribe_batch_resume.htm (the trigger fires
    // again after the checkpoint, whether it stopped with an exception or on purpose; TestBatchSizeTriggerResumption
    // needs a second deliver() for the rest)
    expectAllPass({
        files: {
            'main/default/objects/Ping__e/Ping__e.object-meta.xml': EVENT_OBJECT('PublishImmediately'),
            'main/default/objects/Ping__e/fields/Message__c.field-meta.xml': EVENT_FIELD,
        },
        triggers: {
            PingTrigger: `trigger PingTrigger on Ping__e (after insert) {
    EventBus.TriggerContext ctx = EventBus.TriggerContext.currentContext();
    PlatRetry.attempts.add(ctx.retries);
    PlatRetry.errors.add(ctx.lastError);
    insert new Account(Name = 'attempt ' + ctx.retries);
    if (Trigger.new[0].Message__c == 'retry' && ctx.retries < 2) {
        throw new EventBus.RetryableException('try again ' + ctx.retries);
    }
    if (Trigger.new[0].Message__c == 'forever') {
        throw new EventBus.RetryableException('still locked');
    }
    if (Trigger.new[0].Message__c == 'checkpoint') {
        for (Ping__e p : Trigger.new) {
            PlatRetry.seen.add(p.Message__c + p.ReplayId);
            EventBus.TriggerContext.currentContext().setResumeCheckpoint(p.ReplayId);
            if (PlatRetry.seen.size() == 1) throw new IllegalStateException('stop after the first');
        }
    }
    if (Trigger.new[0].Message__c == 'two at a time') {
        Integer handled = 0;
        for (Ping__e p : Trigger.new) {
            if (handled == 2) break;
            PlatRetry.seen.add(p.Message__c + p.ReplayId);
            EventBus.TriggerContext.currentContext().setResumeCheckpoint(p.ReplayId);
            handled++;
        }
    }
}`,
        },
        classes: {
            IllegalStateException: 'public class IllegalStateException extends Exception {}',
            PlatRetry:
                'public class PlatRetry { public static List<Integer> attempts = new List<Integer>(); public static List<String> errors = new List<String>(); public static List<String> seen = new List<String>(); }',
            PlatRetryTest: testClass('PlatRetryTest', {
                retries: `
        EventBus.publish(new Ping__e(Message__c = 'retry'));
        Test.getEventBus().deliver();
        Assert.areEqual(new List<Integer>{ 0 }, PlatRetry.attempts, 'one invocation per deliver()');
        Assert.areEqual(0, [SELECT COUNT() FROM Account], 'the DML of the retried invocation was rolled back');
        Test.getEventBus().deliver();
        Assert.areEqual(new List<Integer>{ 0, 1 }, PlatRetry.attempts, 'the retried batch comes with the next deliver()');
        Assert.areEqual('try again 0', PlatRetry.errors[1], 'lastError is the message of the last RetryableException');
        Test.getEventBus().deliver();
        Assert.areEqual(new List<Integer>{ 0, 1, 2 }, PlatRetry.attempts);
        Assert.areEqual('attempt 2', [SELECT Name FROM Account].Name, 'only the successful invocation committed');
        Test.getEventBus().deliver();
        Assert.areEqual(3, PlatRetry.attempts.size(), 'nothing is left to resend');`,
                errorState: `
        EventBus.publish(new Ping__e(Message__c = 'forever'));
        for (Integer i = 0; i < 12; i++) {
            Test.getEventBus().deliver();
        }
        Assert.areEqual(new List<Integer>{ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, PlatRetry.attempts, 'the initial run plus 9 retries');
        EventBus.publish(new Ping__e(Message__c = 'later'));
        Test.getEventBus().deliver();
        Assert.areEqual(10, PlatRetry.attempts.size(), 'a trigger in the error state receives nothing');`,
                checkpoint: `
        EventBus.publish(new List<Ping__e>{ new Ping__e(Message__c = 'checkpoint'), new Ping__e(Message__c = 'checkpoint') });
        Test.getEventBus().deliver();
        Assert.areEqual(1, PlatRetry.attempts.size(), 'the invocation stopped with an exception after the first event');
        Assert.areEqual(1, [SELECT COUNT() FROM Account], 'the work before the checkpoint is kept');
        Test.getEventBus().deliver();
        Assert.areEqual(2, PlatRetry.attempts.size(), 'a second invocation resumed after the checkpoint');
        Assert.areEqual(2, PlatRetry.seen.size());
        Assert.areNotEqual(PlatRetry.seen[0], PlatRetry.seen[1], 'the checkpointed event is not resent');`,
                checkpointWithoutException: `
        List<Ping__e> events = new List<Ping__e>();
        for (Integer i = 0; i < 3; i++) {
            events.add(new Ping__e(Message__c = 'two at a time'));
        }
        EventBus.publish(events);
        Test.getEventBus().deliver();
        Assert.areEqual(2, PlatRetry.seen.size(), 'the trigger stopped on purpose after two');
        Test.getEventBus().deliver();
        Assert.areEqual(3, PlatRetry.seen.size(), 'the next deliver() resends the rest after the checkpoint');
        Test.getEventBus().deliver();
        Assert.areEqual(2, PlatRetry.attempts.size(), 'nothing is left to resend');`,
            }),
        },
    });
});

test('aggregate SOQL returns AggregateResult rows read with get(alias)', () => {
    // apexcode: langCon_apex_SOQL_agg_fns.htm ("Working with SOQL Aggregate Functions")
    expectAllPass({
        classes: {
            PlatAggTest: testClass('PlatAggTest', {
                aggregates: `
        insert new List<Account>{ new Account(Name = 'a', NumberOfEmployees = 5), new Account(Name = 'a', NumberOfEmployees = 7), new Account(Name = 'b') };
        List<AggregateResult> rows = [SELECT Name n, COUNT(Id) c, SUM(NumberOfEmployees) s FROM Account GROUP BY Name ORDER BY Name];
        Assert.areEqual(2, rows.size());
        Assert.areEqual('a', rows[0].get('n'));
        Assert.areEqual(2, (Integer) rows[0].get('c'));
        Assert.areEqual(12, rows[0].get('s'));
        Assert.isNull(rows[1].get('s'));`,
            }),
        },
    });
});

test('callouts from async Apex need Database.AllowsCallouts / callout=true; scheduled Apex cannot call out', () => {
    // apexcode: apex_queueing_jobs.htm ("implement the Database.AllowsCallouts marker interface"),
    // apex_invoking_future_methods.htm (callout=true); salesforce.stackexchange.com/questions/70149 (error text)
    expectAllPass({
        files: { 'main/default/namedCredentials/Api.namedCredential-meta.xml': NAMED_CREDENTIAL },
        classes: {
            PlatMock: MOCK,
            PlatCaller: `public class PlatCaller {
    public static List<String> outcomes = new List<String>();
    public static void call() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Api/x');
        req.setMethod('GET');
        try {
            outcomes.add('status ' + new Http().send(req).getStatusCode());
        } catch (CalloutException e) {
            outcomes.add(e.getMessage());
        }
    }
}`,
            PlatNoCallouts: 'public class PlatNoCallouts implements Queueable { public void execute(QueueableContext c) { PlatCaller.call(); } }',
            PlatWithCallouts: 'public class PlatWithCallouts implements Queueable, Database.AllowsCallouts { public void execute(QueueableContext c) { PlatCaller.call(); } }',
            PlatAsyncCalloutTest: testClass('PlatAsyncCalloutTest', {
                queueables: `
        Test.startTest();
        Test.setMock(HttpCalloutMock.class, new PlatMock());
        System.enqueueJob(new PlatNoCallouts());
        System.enqueueJob(new PlatWithCallouts());
        Test.stopTest();
        Assert.areEqual(new List<String>{ 'Callout not allowed from this future method. Please enable callout=true', 'status 201' }, PlatCaller.outcomes);`,
            }),
        },
    });
});

test('StaticResourceCalloutMock answers with the static resource body, status and headers', () => {
    // apexcode: apex_classes_restful_http_testing_static.htm ("Testing HTTP Callouts Using Static Resources")
    expectAllPass({
        files: {
            'main/default/namedCredentials/Api.namedCredential-meta.xml': NAMED_CREDENTIAL,
            'main/default/staticresources/PlatBody.json': '{"ok":true}',
            'main/default/staticresources/PlatBody.resource-meta.xml':
                '<?xml version="1.0" encoding="UTF-8"?>\n<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">\n    <cacheControl>Private</cacheControl>\n    <contentType>application/json</contentType>\n</StaticResource>\n',
        },
        classes: {
            PlatSrTest: testClass('PlatSrTest', {
                staticResource: `
        StaticResourceCalloutMock mock = new StaticResourceCalloutMock();
        mock.setStaticResource('PlatBody');
        mock.setStatusCode(202);
        mock.setHeader('Content-Type', 'application/json');
        Test.setMock(HttpCalloutMock.class, mock);
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Api/any');
        req.setMethod('GET');
        HttpResponse res = new Http().send(req);
        Assert.areEqual(202, res.getStatusCode());
        Assert.areEqual('{"ok":true}', res.getBody());
        Assert.areEqual('application/json', res.getHeader('content-type'));`,
            }),
        },
    });
});

test('OrgLimits reports named org limits as OrgLimit values; an unreported name is absent', () => {
    // apexref: apex_class_System_OrgLimits.htm (getMap keys are limit names), apex_class_System_OrgLimit.htm
    expectAllPass({
        classes: {
            PlatOrgLimitsTest: testClass('PlatOrgLimitsTest', {
                reportsDailyAsync: `System.OrgLimit daily = OrgLimits.getMap().get('DailyAsyncApexExecutions');
        Assert.areEqual('DailyAsyncApexExecutions', daily.getName());
        Assert.isTrue(daily.getLimit() > 0);
        Assert.isTrue(daily.getValue() >= 0 && daily.getValue() <= daily.getLimit());
        Assert.isNull(OrgLimits.getMap().get('NoSuchLimit'));
        Assert.areEqual(OrgLimits.getMap().size(), OrgLimits.getAll().size());`,
            }),
        },
    });
});

test('System.schedule refuses a job beyond the 100 scheduled Apex jobs of an org; abortJob frees a slot', () => {
    // apexcode: apex_gov_limits.htm ("Maximum number of Apex classes scheduled concurrently: 100")
    expectAllPass({
        classes: {
            PlatNoOpJob: `public class PlatNoOpJob implements Schedulable { public void execute(SchedulableContext c) {} }`,
            PlatScheduleCapTest: testClass('PlatScheduleCapTest', {
                capsAtOneHundred: `List<Id> ids = new List<Id>();
        for (Integer i = 0; i < 100; i++) { ids.add(System.schedule('job ' + i, '0 0 1 * * ?', new PlatNoOpJob())); }
        String message;
        try { System.schedule('job 100', '0 0 1 * * ?', new PlatNoOpJob()); } catch (AsyncException e) { message = e.getMessage(); }
        Assert.areEqual('You have exceeded the maximum number (100) of Apex scheduled jobs.', message);
        System.abortJob(ids[0]);
        Assert.isNotNull(System.schedule('job 100', '0 0 1 * * ?', new PlatNoOpJob()));`,
            }),
        },
    });
});
