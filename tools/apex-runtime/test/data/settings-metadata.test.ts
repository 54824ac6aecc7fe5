/**
 * Hierarchy custom settings and custom metadata access.
 * Sources: Apex Reference, "Hierarchy Custom Setting Methods"
 * (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_custom_settings.htm):
 * getInstance() merges from the lowest level that defines a field; with no user row it returns a new record with
 * a null Id and the merged fields; getValues(id) returns null when that level has no row; getOrgDefaults() returns
 * an empty record when the org has none. Apex Reference, "Custom Metadata Type Methods" (getAll(), getInstance()),
 * and "SOQL and SOSL Reference" — custom metadata relationship fields (EntityDefinition / FieldDefinition).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SObjectRecord } from '../../src/data/index.js';
import { Decimal } from '../../src/values/index.js';
import { binds, dataOrg, rec } from './helpers.js';

test('hierarchy settings: user → profile → org merge', () => {
    const { db } = dataOrg();
    let s = db.hierarchySetting('Settings__c', null)!;
    assert.equal(s.get('Id'), null);
    assert.equal(s.get('SetupOwnerId'), db.adminUserId);
    assert.equal(s.get('Enabled__c'), false);
    assert.equal(db.hierarchySetting('Settings__c', db.organizationId, false)!.get('Id'), null); // getOrgDefaults: empty record
    assert.equal(db.hierarchySetting('Settings__c', db.adminUserId, false), null); // getValues(userId)

    db.insert([
        rec('Settings__c', { SetupOwnerId: db.organizationId, Limit__c: 10, Label__c: 'org', Enabled__c: true })
    ]);
    const profileId = db.profileId('System Administrator')!;
    db.insert([rec('Settings__c', { SetupOwnerId: profileId, Label__c: 'profile' })]);
    s = db.hierarchySetting('Settings__c', null)!;
    assert.equal(s.get('Id'), null);
    assert.equal(s.get('Label__c'), 'profile');
    assert.equal((s.get('Limit__c') as Decimal).toString(), '10');
    // a checkbox is never null, so the profile row's false wins over the org's true
    assert.equal(s.get('Enabled__c'), false);

    const user = rec('Settings__c', { SetupOwnerId: db.adminUserId, Limit__c: 3 });
    db.insert([user]);
    s = db.hierarchySetting('Settings__c', null)!;
    assert.equal(s.get('Id'), user.id);
    assert.equal((s.get('Limit__c') as Decimal).toString(), '3');
    assert.equal(s.get('Label__c'), 'profile');
    assert.equal(db.hierarchySetting('Settings__c', db.organizationId, false)!.get('Label__c'), 'org');
    assert.equal(db.hierarchySetting('Settings__c', profileId)!.get('Label__c'), 'profile');
});

test('hierarchy settings: one row per owner; no owner means the org default row', () => {
    const { db } = dataOrg();
    const org = rec('Settings__c', { Label__c: 'defaults' });
    db.insert([org]);
    assert.equal(db.getById(org.id!)!.get('SetupOwnerId'), db.organizationId);
    assert.equal(db.hierarchySetting('Settings__c', db.organizationId, false)!.get('Label__c'), 'defaults');
    const r = db.insert([rec('Settings__c', { SetupOwnerId: db.organizationId })], { allOrNone: false });
    assert.equal(r[0].errors[0].statusCode, 'DUPLICATE_VALUE');
});

test('custom metadata: getAll(), getInstance(), SOQL with relationship fields', () => {
    const { db, soql } = dataOrg();
    const all = db.customMetadataAll('Config__mdt');
    assert.deepEqual([...all.keys()], ['Alpha', 'Beta']);
    assert.equal(all.get('Alpha')!.get('Value__c'), 'first');
    assert.equal(db.customMetadataInstance('Config__mdt', 'beta')!.get('DeveloperName'), 'Beta');
    assert.equal(db.customMetadataInstance('Config__mdt', 'Nope'), null);
    const rows = soql.query(
        'SELECT DeveloperName, MasterLabel, Weight__c, TargetObject__r.QualifiedApiName, TargetField__r.QualifiedApiName, TargetField__r.DataType FROM Config__mdt WHERE IsOn__c = true',
        binds()
    ) as SObjectRecord[];
    assert.equal(rows.length, 1);
    assert.equal((rows[0].get('TargetObject__r') as SObjectRecord).get('QualifiedApiName'), 'Opportunity');
    assert.equal((rows[0].get('TargetField__r') as SObjectRecord).get('QualifiedApiName'), 'Amount');
    assert.equal((rows[0].get('TargetField__r') as SObjectRecord).get('DataType'), 'Currency');
    assert.throws(() => db.insert([rec('Config__mdt', { DeveloperName: 'x' })]), /not allowed on Config__mdt/);
});

test('list of seeded setup rows: Organization, Profiles, users, permission sets, custom permissions', () => {
    const { soql, db } = dataOrg();
    const q = (s: string) => soql.query(s, binds()) as SObjectRecord[];
    assert.equal(q('SELECT Id FROM Organization')[0].get('Id'), db.organizationId);
    assert.ok(q("SELECT Id FROM Profile WHERE Name = 'Standard User'").length === 1);
    assert.equal(q("SELECT Name FROM PermissionSet WHERE Name = 'InvoiceUser'").length, 1);
    assert.equal(q("SELECT Id FROM CustomPermission WHERE DeveloperName = 'ManageInvoices'").length, 1);
    const ses = q("SELECT Parent.Name FROM SetupEntityAccess WHERE SetupEntityType = 'CustomPermission'");
    assert.equal((ses[0].get('Parent') as SObjectRecord).get('Name'), 'InvoiceUser');
    assert.equal(
        q("SELECT Endpoint FROM NamedCredential WHERE DeveloperName = 'Billing'")[0].get('Endpoint'),
        'https://billing.example.com/api'
    );
    assert.equal(
        q('SELECT Profile.Name FROM User WHERE Id = :me'.replace(':me', `'${db.adminUserId}'`))[0].get(
            'Profile'
        ) instanceof SObjectRecord,
        true
    );
});

test('custom metadata SOQL accepts only the supported subset (SOQL Limits on Objects)', () => {
    const { soql } = dataOrg();
    assert.throws(
        () => soql.query("SELECT Id FROM Config__mdt WHERE DeveloperName = 'Alpha' OR IsOn__c = true", binds()),
        /do not support OR/
    );
    assert.equal(
        (
            soql.query(
                "SELECT Id FROM Config__mdt WHERE DeveloperName IN ('Alpha', 'Beta') AND Weight__c > 1 ORDER BY Weight__c",
                binds()
            ) as SObjectRecord[]
        ).length,
        2
    );
});
