/**
 * Conformance: DML result types built with JSON.deserialize. `Database.SaveResult`, `UpsertResult` and `Error` have
 * no public constructor, so tests that need a failed result (a lock, a duplicate) deserialize its JSON form, e.g.
 * `JSON.deserialize('{"success":false,"errors":[{"message":"..","statusCode":"UNABLE_TO_LOCK_ROW","fields":[]}]}',
 * Database.SaveResult.class)` (javaniceday.com "How to generate Database.SaveResult mocks in Salesforce"; the member
 * names are those of the results' documented getters: apexref apex_methods_system_database_saveresult.htm,
 * apex_methods_system_database_upsertresult.htm, apex_methods_system_database_error.htm).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFailures, runApex, testClass } from './harness.js';

test('JSON.deserialize builds Database.SaveResult, UpsertResult and Error with their documented getters', () => {
    const results = runApex({
        classes: {
            DmlJsonTest: testClass('DmlJsonTest', {
                lockedSave: `
        Database.SaveResult sr = (Database.SaveResult) JSON.deserialize(
            '{"success":false,"errors":[{"message":"unable to obtain exclusive access to this record","statusCode":"UNABLE_TO_LOCK_ROW","fields":[]}]}',
            Database.SaveResult.class);
        Assert.isFalse(sr.isSuccess());
        Assert.isNull(sr.getId());
        Assert.areEqual(1, sr.getErrors().size());
        Database.Error e = sr.getErrors()[0];
        Assert.areEqual(StatusCode.UNABLE_TO_LOCK_ROW, e.getStatusCode());
        Assert.areEqual('unable to obtain exclusive access to this record', e.getMessage());
        Assert.areEqual(0, e.getFields().size());`,
                successfulSave: `
        Account a = new Account(Name = 'Acme');
        insert a;
        Database.SaveResult sr = (Database.SaveResult) JSON.deserialize(
            '{"success":true,"id":"' + a.Id + '","errors":[]}', Database.SaveResult.class);
        Assert.isTrue(sr.isSuccess());
        Assert.areEqual(a.Id, sr.getId());
        Assert.isTrue(sr.getErrors().isEmpty());`,
                upsertAndList: `
        List<Database.UpsertResult> rs = (List<Database.UpsertResult>) JSON.deserialize(
            '[{"success":false,"created":false,"errors":[{"message":"bad","statusCode":"DUPLICATE_VALUE","fields":["Key__c"]}]},'
            + '{"success":true,"created":true,"errors":[]}]', List<Database.UpsertResult>.class);
        Assert.areEqual(2, rs.size());
        Assert.isFalse(rs[0].isCreated());
        Assert.areEqual(StatusCode.DUPLICATE_VALUE, rs[0].getErrors()[0].getStatusCode());
        Assert.areEqual(new List<String>{ 'Key__c' }, rs[0].getErrors()[0].getFields());
        Assert.isTrue(rs[1].isSuccess());
        Assert.isTrue(rs[1].isCreated());`,
                errorAlone: `
        Database.Error e = (Database.Error) JSON.deserialize(
            '{"message":"Required fields are missing: [Name]","statusCode":"REQUIRED_FIELD_MISSING","fields":["Name"]}',
            Database.Error.class);
        Assert.areEqual(StatusCode.REQUIRED_FIELD_MISSING, e.getStatusCode());
        Assert.areEqual('Name', e.getFields()[0]);`,
                unknownMembers: `
        Database.SaveResult sr = (Database.SaveResult) JSON.deserialize('{"success":true,"extra":1}', Database.SaveResult.class);
        Assert.isTrue(sr.isSuccess(), 'unknown members are ignored by JSON.deserialize');
        try {
            JSON.deserializeStrict('{"success":true,"extra":1}', Database.SaveResult.class);
            Assert.fail('deserializeStrict refuses unknown members');
        } catch (JSONException ex) {
            Assert.isTrue(ex.getMessage().contains('extra'), ex.getMessage());
        }`,
            }),
        },
    });
    assert.ok(results.size > 0, 'tests ran');
    const failures = describeFailures(results);
    assert.equal(failures, '', failures);
});
