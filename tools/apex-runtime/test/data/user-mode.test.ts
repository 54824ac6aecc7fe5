/**
 * User mode: object permissions and field-level security from the running user's profile and assigned permission
 * sets. Sources: Apex Developer Guide, "Set an Access Mode for Database Operations"
 * (https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_enforce_usermode.htm):
 * user mode applies object permissions and FLS; in SOQL it "processes all clauses … including the WHERE clause";
 * DML in user mode reports FLS failures with the field names (DmlException.getDmlFieldNames()). Apex Reference,
 * "FeatureManagement.checkPermission" for custom permissions. Custom fields deployed without profiles carry no profile
 * FLS, so even a System Administrator gets "No such column" for them (observed in forcedotcom/cli#1876).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DmlError, SObjectRecord } from '../../src/data/index.js';
import { binds, dataOrg, rec } from './helpers.js';

function setup() {
    const org = dataOrg();
    const { db } = org;
    const u = rec('User', {
        Username: 'seller@example.com.test',
        LastName: 'Seller',
        Email: 'seller@example.com',
        Alias: 'seller',
        ProfileId: db.profileId('Standard User'),
        TimeZoneSidKey: 'Europe/Berlin',
        LocaleSidKey: 'de_DE',
        LanguageLocaleKey: 'en_US',
        EmailEncodingKey: 'UTF-8'
    });
    db.hooks.mixedDmlAllowed = () => true; // the fixture runs its setup as if inside System.runAs
    db.insert([u]);
    let current = db.adminUserId;
    db.hooks.currentUser = () => current;
    return { ...org, userId: u.id!, runAs: (id: string) => (current = id) };
}

test('system mode ignores permissions; user mode without a permission set cannot see the custom object', () => {
    const { db, soql, userId, runAs } = setup();
    db.insert([rec('Invoice__c', { Name: 'x', Amount__c: 5 })]);
    runAs(userId);
    assert.equal((soql.query('SELECT Name, Amount__c FROM Invoice__c', binds()) as SObjectRecord[]).length, 1);
    assert.throws(
        () => soql.query('SELECT Name FROM Invoice__c WITH USER_MODE', binds()),
        /sObject type 'Invoice__c' is not supported/
    );
    assert.throws(
        () => soql.query('SELECT Name FROM Invoice__c', binds(), { accessLevel: 'USER' }),
        /sObject type 'Invoice__c' is not supported/
    );
    // SYSTEM_MODE clause wins over the operation default
    assert.equal(
        (
            soql.query('SELECT Name FROM Invoice__c WITH SYSTEM_MODE', binds(), {
                accessLevel: 'USER'
            }) as SObjectRecord[]
        ).length,
        1
    );
    const r = db.insert([rec('Invoice__c', { Name: 'y' })], { accessLevel: 'USER', allOrNone: false });
    assert.equal(r[0].errors[0].statusCode, 'INSUFFICIENT_ACCESS_OR_READONLY');
});

test('a permission set assigned to the user grants object access and FLS', () => {
    const { db, soql, userId, runAs } = setup();
    db.hooks.mixedDmlAllowed = () => true;
    db.insert([
        rec('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: db.permissionSetId('InvoiceUser') })
    ]);
    const again = db.insert(
        [rec('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: db.permissionSetId('InvoiceUser') })],
        { allOrNone: false }
    );
    assert.equal(again[0].errors[0].statusCode, 'DUPLICATE_VALUE');
    db.insert([rec('Invoice__c', { Name: 'x', Amount__c: 5, Code__c: 'C', Contact_Email__c: 'a@b.co' })]);
    runAs(userId);
    const rows = soql.query(
        'SELECT Name, Amount__c, Code__c FROM Invoice__c WITH USER_MODE',
        binds()
    ) as SObjectRecord[];
    assert.equal(rows.length, 1);
    // a field without FLS, in the select list or only in WHERE
    assert.throws(
        () => soql.query('SELECT Contact_Email__c FROM Invoice__c WITH USER_MODE', binds()),
        /No such column 'Contact_Email__c' on entity 'Invoice__c'/
    );
    // QueryException.getInaccessibleFields(): object → fields
    assert.throws(
        () => soql.query('SELECT Name, Contact_Email__c FROM Invoice__c WITH USER_MODE', binds()),
        (e: unknown) =>
            JSON.stringify((e as { inaccessibleFields?: unknown }).inaccessibleFields) ===
            JSON.stringify({ Invoice__c: ['Contact_Email__c'] })
    );
    assert.throws(
        () => soql.query("SELECT Name FROM Invoice__c WHERE Contact_Email__c = 'a@b.co' WITH USER_MODE", binds()),
        /No such column 'Contact_Email__c'/
    );
    // DML: Amount__c is read-only for this user
    let err: DmlError | null = null;
    try {
        db.insert([rec('Invoice__c', { Name: 'new', Amount__c: 1 })], { accessLevel: 'USER' });
    } catch (e) {
        err = e as DmlError;
    }
    assert.ok(err instanceof DmlError);
    assert.equal(err!.failures[0].statusCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
    assert.deepEqual(err!.failures[0].fields, ['Amount__c']);
    assert.match(
        err!.failures[0].message,
        /^Unable to create\/update fields: Amount__c\. Please check the security settings of this field/
    );
    const ok = rec('Invoice__c', { Name: 'new', Code__c: 'N1' });
    db.insert([ok], { accessLevel: 'USER' });
    assert.ok(ok.id);
    assert.equal(
        db.delete([ok.id!], { accessLevel: 'USER', allOrNone: false })[0].errors[0].statusCode,
        'INSUFFICIENT_ACCESS_OR_READONLY'
    );
    assert.equal(db.checkCustomPermission('ManageInvoices'), true);
    assert.equal(db.canAccessField('Invoice__c', 'Amount__c', false), true);
    assert.equal(db.canAccessField('Invoice__c', 'Amount__c', true), false);
    runAs(db.adminUserId);
    assert.equal(db.checkCustomPermission('ManageInvoices'), false);
});

test('standard objects follow the profile: Standard User edits Accounts; admin has Modify All Data', () => {
    const { db, soql, userId, runAs } = setup();
    runAs(userId);
    const acc = rec('Account', { Name: 'Mine' });
    db.insert([acc], { accessLevel: 'USER' });
    assert.equal((soql.query('SELECT Name, Phone FROM Account WITH USER_MODE', binds()) as SObjectRecord[]).length, 1);
    runAs(db.adminUserId);
    // admin: custom object access through Modify All Data, but custom fields need FLS from a permission set
    assert.equal((soql.query('SELECT Name FROM Invoice__c WITH USER_MODE', binds()) as SObjectRecord[]).length, 0);
    assert.throws(
        () => soql.query('SELECT Code__c FROM Invoice__c WITH USER_MODE', binds()),
        /No such column 'Code__c'/
    );
});

test('record sharing: a Private object shows a user only the rows they own (user mode or with sharing)', () => {
    // Apex Developer Guide, "Set an Access Mode for Database Operations": user mode always applies sharing rules;
    // Salesforce Help, "Organization-Wide Sharing Defaults": Private = only the owner (and users above) see records.
    const { db, soql, userId, runAs } = setup();
    db.hooks.mixedDmlAllowed = () => true;
    db.insert([
        rec('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: db.permissionSetId('InvoiceUser') })
    ]);
    const adminSecret = rec('Secret__c', { Name: 'admin owns this' });
    db.insert([adminSecret]);
    runAs(userId);
    const mine = rec('Secret__c', { Name: 'mine' });
    db.insert([mine], { accessLevel: 'USER' });
    const names = (rows: unknown) => (rows as SObjectRecord[]).map((r) => r.get('Name')).sort();
    assert.deepEqual(names(soql.query('SELECT Name FROM Secret__c WITH USER_MODE', binds())), ['mine']);
    assert.deepEqual(names(soql.query('SELECT Name FROM Secret__c', binds(), { withSharing: true })), ['mine']);
    assert.deepEqual(names(soql.query('SELECT Name FROM Secret__c', binds())), ['admin owns this', 'mine']);
    assert.equal(soql.query('SELECT COUNT() FROM Secret__c WITH USER_MODE', binds()), 1);
    const access = soql.query(
        'SELECT RecordId, HasReadAccess, HasEditAccess FROM UserRecordAccess WHERE UserId = :u AND RecordId IN :ids',
        binds({ u: userId, ids: [adminSecret.id, mine.id] })
    ) as SObjectRecord[];
    assert.deepEqual(
        access.map((a) => [a.get('RecordId'), a.get('HasReadAccess'), a.get('HasEditAccess')]),
        [
            [adminSecret.id, false, false],
            [mine.id, true, true]
        ]
    );
    const upd = db.update([rec('Secret__c', { Id: adminSecret.id, Name: 'x' })], {
        accessLevel: 'USER',
        allOrNone: false
    });
    assert.equal(upd[0].errors[0].statusCode, 'INSUFFICIENT_ACCESS_OR_READONLY');
    // Public read/write standard objects: others may edit but not delete
    runAs(db.adminUserId);
    const acc = rec('Account', { Name: 'admin account' });
    db.insert([acc]);
    runAs(userId);
    assert.equal(
        db.update([rec('Account', { Id: acc.id, Name: 'renamed' })], { accessLevel: 'USER' })[0].success,
        true
    );
    assert.equal(
        db.delete([acc.id!], { accessLevel: 'USER', allOrNone: false })[0].errors[0].statusCode,
        'INSUFFICIENT_ACCESS_OR_READONLY'
    );
});

test('standard fields: Standard User reaches them; on Minimum Access a non-required one needs a field permission', () => {
    // Salesforce Help, "Field-Level Security": field access comes from the profile and permission sets; the Minimum
    // Access - Salesforce profile grants none, while required fields (Account.Name) are always accessible.
    const { db, userId } = setup();
    const minimal = rec('User', {
        Username: 'api-only@example.com.test',
        LastName: 'Integration',
        Email: 'api@example.com',
        Alias: 'api',
        ProfileId: db.profileId('Minimum Access - Salesforce'),
        TimeZoneSidKey: 'Europe/Berlin',
        LocaleSidKey: 'de_DE',
        LanguageLocaleKey: 'en_US',
        EmailEncodingKey: 'UTF-8'
    });
    db.insert([minimal]);
    db.insert([
        rec('PermissionSetAssignment', {
            AssigneeId: minimal.id!,
            PermissionSetId: db.permissionSetId('AccountApiUser')
        })
    ]);
    assert.equal(db.canAccessField('Account', 'Phone', true, userId), true, 'Standard User edits Account.Phone');
    assert.equal(db.canAccessObject('Account', 'edit', minimal.id!), true, 'the permission set opens Account');
    assert.equal(db.canAccessField('Account', 'Phone', true, minimal.id!), true, 'granted field');
    assert.equal(db.canAccessField('Account', 'Website', false, minimal.id!), false, 'no grant, no field');
    assert.equal(db.canAccessField('Account', 'Name', true, minimal.id!), true, 'a required field comes with the object');
});
