/**
 * Conformance: batch/schedule/future, runAs, custom settings and metadata, JSONGenerator/JSONParser, Crypto RSA,
 * describe. Expected results from the cited Apex Developer Guide (apexcode) / Apex Reference (apexref) pages.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { describeFailures, runApex, testClass } from './harness.js';

function expectAllPass(files: Parameters<typeof runApex>[0]): void {
    const results = runApex(files);
    assert.ok(results.size > 0, 'tests ran');
    const failures = describeFailures(results);
    assert.equal(failures, '', failures);
}

test('Batchable, Schedulable and @future run at Test.stopTest()', () => {
    // apexcode: apex_batch_interface.htm (start/execute per scope/finish), apex_scheduler.htm (CronTrigger),
    // apex_invoking_future_methods.htm
    expectAllPass({
        classes: {
            PlatBatch: `public class PlatBatch implements Database.Batchable<SObject>, Database.Stateful {
    public static List<Integer> scopes = new List<Integer>();
    public Integer seen = 0;
    public Database.QueryLocator start(Database.BatchableContext bc) {
        return Database.getQueryLocator([SELECT Id, Name FROM Account ORDER BY Name]);
    }
    public void execute(Database.BatchableContext bc, List<Account> scope) {
        scopes.add(scope.size());
        seen += scope.size();
        for (Account a : scope) a.Description = 'done';
        update scope;
    }
    public void finish(Database.BatchableContext bc) {
        scopes.add(-seen);
    }
}`,
            PlatPlainBatch: `public class PlatPlainBatch implements Database.Batchable<Integer> {
    public static List<Integer> seenInFinish = new List<Integer>();
    public Integer counter = 0;
    public Iterable<Integer> start(Database.BatchableContext bc) { return new List<Integer>{ 1, 2, 3 }; }
    public void execute(Database.BatchableContext bc, List<Integer> scope) { counter += scope.size(); }
    public void finish(Database.BatchableContext bc) { seenInFinish.add(counter); }
}`,
            PlatSched: `public class PlatSched implements Schedulable {
    public static Integer runs = 0;
    public void execute(SchedulableContext sc) { runs++; }
}`,
            PlatFuture: `public class PlatFuture {
    public static Integer calls = 0;
    @future
    public static void later(String name) { calls++; insert new Account(Name = name); }
}`,
            PlatAsync2Test: testClass('PlatAsync2Test', {
                batch: `
        List<Account> accs = new List<Account>();
        for (Integer i = 0; i < 5; i++) accs.add(new Account(Name = 'A' + i));
        insert accs;
        Test.startTest();
        Database.executeBatch(new PlatBatch(), 2);
        Test.stopTest();
        Assert.areEqual(new List<Integer>{ 2, 2, 1, -5 }, PlatBatch.scopes);
        Assert.areEqual(5, [SELECT COUNT() FROM Account WHERE Description = 'done']);`,
                notStateful: `
        Test.startTest();
        Database.executeBatch(new PlatPlainBatch(), 1);
        Test.stopTest();
        Assert.areEqual(new List<Integer>{ 0 }, PlatPlainBatch.seenInFinish, 'instance state is not kept between transactions without Database.Stateful');`,
                schedule: `
        Test.startTest();
        Id ct = System.schedule('nightly', '0 0 1 * * ?', new PlatSched());
        Test.stopTest();
        Assert.areEqual(1, PlatSched.runs);
        CronTrigger t = [SELECT CronExpression, TimesTriggered FROM CronTrigger WHERE Id = :ct];
        Assert.areEqual('0 0 1 * * ?', t.CronExpression);`,
                future: `
        Test.startTest();
        PlatFuture.later('F');
        Assert.areEqual(0, PlatFuture.calls, 'a future method does not run synchronously');
        Test.stopTest();
        Assert.areEqual(1, PlatFuture.calls);
        Assert.areEqual(1, [SELECT COUNT() FROM Account WHERE Name = 'F']);`,
            }),
        },
    });
});

const SETTING = `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <customSettingsType>Hierarchy</customSettingsType>
    <enableFeeds>false</enableFeeds>
    <label>Prefs</label>
    <visibility>Public</visibility>
</CustomObject>
`;
const SETTING_FIELD = `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Limit__c</fullName>
    <label>Limit</label>
    <precision>18</precision>
    <scale>0</scale>
    <type>Number</type>
    <required>false</required>
</CustomField>
`;

test('hierarchy custom settings: getOrgDefaults, getInstance merges user over org', () => {
    // apexref: apex_methods_system_custom_settings.htm ("Hierarchy Custom Setting Methods")
    expectAllPass({
        files: {
            'main/default/objects/Prefs__c/Prefs__c.object-meta.xml': SETTING,
            'main/default/objects/Prefs__c/fields/Limit__c.field-meta.xml': SETTING_FIELD,
        },
        classes: {
            PlatSettingsTest: testClass('PlatSettingsTest', {
                hierarchy: `
        Assert.isNull(Prefs__c.getOrgDefaults().Limit__c);
        insert new Prefs__c(SetupOwnerId = UserInfo.getOrganizationId(), Limit__c = 5);
        Assert.areEqual(5, Prefs__c.getOrgDefaults().Limit__c);
        Assert.areEqual(5, Prefs__c.getInstance().Limit__c, 'the user inherits the org default');
        insert new Prefs__c(SetupOwnerId = UserInfo.getUserId(), Limit__c = 7);
        Assert.areEqual(7, Prefs__c.getInstance().Limit__c, 'the user level wins');`,
            }),
        },
    });
});

test('System.runAs switches the running user', () => {
    // apexcode: apex_testing_tools_runas.htm
    expectAllPass({
        classes: {
            PlatRunAsTest: testClass('PlatRunAsTest', {
                runAs: `
        Profile p = [SELECT Id FROM Profile WHERE Name = 'Standard User'];
        User u = new User(Alias = 'std', Email = 'std@example.com', EmailEncodingKey = 'UTF-8', LastName = 'Std',
            LanguageLocaleKey = 'en_US', LocaleSidKey = 'en_US', ProfileId = p.Id, TimeZoneSidKey = 'America/Los_Angeles',
            Username = 'std' + DateTime.now().getTime() + '@example.com');
        insert u;
        Id before = UserInfo.getUserId();
        System.runAs(u) {
            Assert.areEqual(u.Id, UserInfo.getUserId());
            Assert.areEqual('America/Los_Angeles', UserInfo.getTimeZone().getID());
        }
        Assert.areEqual(before, UserInfo.getUserId());`,
            }),
        },
    });
});

test('JSONGenerator and JSONParser', () => {
    // apexref: apex_class_System_JsonGenerator.htm, apex_class_System_JsonParser.htm
    expectAllPass({
        classes: {
            PlatJsonTest: testClass('PlatJsonTest', {
                generator: `
        JSONGenerator g = JSON.createGenerator(false);
        g.writeStartObject();
        g.writeStringField('name', 'x');
        g.writeNumberField('n', 1.50);
        g.writeFieldName('list');
        g.writeStartArray();
        g.writeBoolean(true);
        g.writeNull();
        g.writeEndArray();
        g.writeEndObject();
        Assert.areEqual('{"name":"x","n":1.50,"list":[true,null]}', g.getAsString());`,
                parser: `
        JSONParser p = JSON.createParser('{"a":{"b":[1,2]},"c":"d"}');
        List<String> names = new List<String>();
        Integer sum = 0;
        while (p.nextToken() != null) {
            if (p.getCurrentToken() == JSONToken.FIELD_NAME) names.add(p.getText());
            if (p.getCurrentToken() == JSONToken.VALUE_NUMBER_INT) sum += p.getIntegerValue();
        }
        Assert.areEqual(new List<String>{ 'a', 'b', 'c' }, names);
        Assert.areEqual(3, sum);`,
                pretty: `
        Assert.areEqual('{\\n  "a" : 1\\n}', JSON.serializePretty(new Map<String, Object>{ 'a' => 1 }));`,
                apexObjects: `
        Outer o = new Outer();
        o.name = 'n';
        o.items = new List<Inner>{ new Inner() };
        o.items[0].size = 2;
        String s = JSON.serialize(o);
        Assert.areEqual('{"name":"n","items":[{"size":2}],"count":null}', s);
        Outer back = (Outer) JSON.deserialize('{"NAME":"m","items":[{"size":3}],"unknown":1}', Outer.class);
        Assert.areEqual('m', back.name, 'keys match case-insensitively');
        Assert.areEqual(3, back.items[0].size);`,
            }, '    public class Inner { public Integer size; }\n    public class Outer { public String name; public List<Inner> items; public Integer count; }'),
        },
    });
});

test('Crypto.sign / Crypto.verify with RSA-SHA256 (PKCS#8 private key, X.509 SubjectPublicKeyInfo)', () => {
    // apexref: apex_classes_restful_crypto.htm (sign, verify)
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const priv = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const pub = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expectAllPass({
        classes: {
            PlatCryptoTest: testClass('PlatCryptoTest', {
                signVerify: `
        Blob data = Blob.valueOf('payload');
        Blob sig = Crypto.sign('RSA-SHA256', data, EncodingUtil.base64Decode('${priv}'));
        Assert.isTrue(Crypto.verify('RSA-SHA256', data, sig, EncodingUtil.base64Decode('${pub}')));
        Assert.isFalse(Crypto.verify('RSA-SHA256', Blob.valueOf('tampered'), sig, EncodingUtil.base64Decode('${pub}')));
        Blob mac = Crypto.generateMac('HmacSHA256', Blob.valueOf('msg'), Blob.valueOf('key'));
        Assert.areEqual('2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628', EncodingUtil.convertToHex(mac));`,
            }),
        },
    });
});

test('describe: fields map, field describe, picklists, access flags', () => {
    // apexref: apex_methods_system_sobject_describe.htm, apex_methods_system_fields_describe.htm
    expectAllPass({
        classes: {
            PlatDescribeTest: testClass('PlatDescribeTest', {
                describe: `
        Schema.DescribeSObjectResult d = Opportunity.SObjectType.getDescribe();
        Assert.areEqual('Opportunity', d.getName());
        Assert.areEqual('006', d.getKeyPrefix());
        Map<String, Schema.SObjectField> fields = d.fields.getMap();
        Assert.isTrue(fields.containsKey('stagename'), 'the fields map is case-insensitive');
        Schema.DescribeFieldResult stage = fields.get('StageName').getDescribe();
        Assert.areEqual(Schema.DisplayType.PICKLIST, stage.getType());
        Assert.isFalse(stage.getPicklistValues().isEmpty());
        Assert.areEqual(Schema.DisplayType.CURRENCY, Schema.SObjectType.Opportunity.fields.Amount.getType());
        Assert.isTrue(Schema.getGlobalDescribe().containsKey('ACCOUNT'));
        Assert.areEqual(Account.SObjectType, Schema.getGlobalDescribe().get('account'));`,
            }),
        },
    });
});

test('trigger failures: read-only records in after triggers, unhandled exceptions fail the DML statement', () => {
    // apexcode: apex_triggers_context_variables_considerations.htm ("Trigger.new ... after triggers: not allowed,
    // a runtime error is thrown"), apex_triggers_exceptions.htm
    const results = runApex({
        triggers: {
            PlatRoTrigger: `trigger PlatRoTrigger on Account (after insert, before update) {
    if (Trigger.isInsert && Trigger.new[0].Name == 'touch') {
        Trigger.new[0].Description = 'x';
    }
    if (Trigger.isUpdate && Trigger.new[0].Name == 'npe') {
        String s;
        s.length();
    }
}`,
        },
        classes: {
            PlatRoTest: testClass('PlatRoTest', {
                readOnly: `
        try {
            insert new Account(Name = 'touch');
            Assert.fail('no exception');
        } catch (DmlException e) {
            Assert.areEqual(StatusCode.CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, e.getDmlType(0));
            Assert.isTrue(e.getMessage().contains('execution of AfterInsert'), e.getMessage());
            Assert.isTrue(e.getMessage().contains('System.FinalException: Record is read-only'), e.getMessage());
        }
        Assert.areEqual(0, [SELECT COUNT() FROM Account], 'the insert rolled back');`,
                npeInTrigger: `
        Account a = new Account(Name = 'ok');
        insert a;
        a.Name = 'npe';
        try {
            update a;
            Assert.fail('no exception');
        } catch (DmlException e) {
            Assert.isTrue(e.getMessage().startsWith('Update failed. First exception on row 0 with id ' + a.Id), e.getMessage());
            Assert.isTrue(e.getMessage().contains('PlatRoTrigger: execution of BeforeUpdate'), e.getMessage());
            Assert.isTrue(e.getMessage().contains('caused by: System.NullPointerException: Attempt to de-reference a null object'), e.getMessage());
        }`,
            }),
        },
    });
    assert.equal(describeFailures(results), '');
});

test('Test.createStub routes calls to a StubProvider', () => {
    // apexcode: apex_testing_stub_api.htm ("Build a Mocking Framework with the Stub API")
    expectAllPass({
        classes: {
            PlatFormatter: "public class PlatFormatter { public String format(String s, Integer n) { return s + n; } }",
            PlatStub: `@IsTest
public class PlatStub implements System.StubProvider {
    public List<String> calls = new List<String>();
    public Object handleMethodCall(Object stubbed, String name, Type returnType, List<Type> paramTypes, List<String> paramNames, List<Object> args) {
        calls.add(name + ':' + returnType.getName() + ':' + String.join(paramNames, ',') + ':' + args[1]);
        return 'stubbed';
    }
}`,
            PlatStubTest: testClass('PlatStubTest', {
                stub: `
        PlatStub provider = new PlatStub();
        PlatFormatter f = (PlatFormatter) Test.createStub(PlatFormatter.class, provider);
        Assert.areEqual('stubbed', f.format('x', 3));
        Assert.areEqual(new List<String>{ 'format:String:s,n:3' }, provider.calls);`,
            }),
        },
    });
});
