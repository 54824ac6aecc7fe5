/**
 * Conformance: record sharing of SOQL and DML by access mode and class sharing keyword.
 *
 * Sources:
 * - Apex Developer Guide, "Set an Access Mode for Database Operations"
 *   (https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/pages/apex_classes_enforce_usermode.htm):
 *   "If you set a database operation to user mode, the operation always respects the user's sharing rules. However,
 *   if you set the operation to system mode, the sharing keyword on the calling class determines whether the
 *   operation respects the user's record-level permissions."
 * - Apex Reference, "AccessLevel Class"
 *   (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_AccessLevel.htm):
 *   "In system mode, the object and field-level permissions of the current user are ignored, and the record sharing
 *   rules are controlled by the class sharing keywords."
 * - Apex Developer Guide, "Use the with sharing, without sharing, and inherited sharing Keywords": inherited sharing
 *   runs in the sharing mode of the calling class; inner classes do not inherit the sharing setting of their
 *   container class; triggers run without sharing.
 * - Salesforce Help, "Organization-Wide Sharing Defaults": Private = only the owner (plus View All / Modify All).
 * - Object Reference, "OpportunityContactRole": "The API applies user access rights to the associated Opportunity
 *   for this object".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFailures, runApex, testClass } from './harness.js';

const MEMO = `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <deploymentStatus>Deployed</deploymentStatus>
    <label>Memo</label>
    <pluralLabel>Memos</pluralLabel>
    <nameField><label>Memo Name</label><type>Text</type></nameField>
    <sharingModel>Private</sharingModel>
</CustomObject>`;

const NOTE_FIELD = `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Note__c</fullName>
    <label>Note</label>
    <type>Text</type>
    <length>80</length>
</CustomField>`;

/** Object access on Memo__c, no field permissions (so Note__c is writable in system mode only). */
const permissionSet = (label: string, viewAll: boolean, modifyAll: boolean): string => `<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>${label}</label>
    <hasActivationRequired>false</hasActivationRequired>
    <objectPermissions>
        <allowCreate>true</allowCreate><allowDelete>true</allowDelete><allowEdit>true</allowEdit><allowRead>true</allowRead>
        <modifyAllRecords>${modifyAll}</modifyAllRecords><object>Memo__c</object><viewAllRecords>${viewAll}</viewAllRecords>
    </objectPermissions>
</PermissionSet>`;

const QUERY = 'SELECT Name FROM Memo__c WITH SYSTEM_MODE ORDER BY Name';

const CLASSES: Record<string, string> = {
    ShWith: `public with sharing class ShWith {
    public static List<String> systemQuery() { return ShNames.of([${QUERY}]); }
    public static List<String> dynamicSystemQuery() {
        return ShNames.of(Database.query('SELECT Name FROM Memo__c ORDER BY Name', AccessLevel.SYSTEM_MODE));
    }
    public static Integer systemCount() { return [SELECT COUNT() FROM Memo__c WITH SYSTEM_MODE]; }
    public static List<String> throughInherited() { return ShInherited.systemQuery(); }
    public static Database.SaveResult throughInheritedUpdate(Memo__c m) { return ShInherited.systemUpdate(m); }
    public static List<String> throughInnerWithout() { return new Elevated().query(); }
    public static Database.SaveResult systemUpdate(Memo__c m) { return Database.update(m, false, AccessLevel.SYSTEM_MODE); }
    public static void updateAsSystem(Memo__c m) { update as system m; }
    public static Database.DeleteResult systemDelete(Id memoId) {
        return Database.delete(memoId, false, AccessLevel.SYSTEM_MODE);
    }
    public static Database.SaveResult systemInsert(Memo__c m) { return Database.insert(m, false, AccessLevel.SYSTEM_MODE); }
    private without sharing class Elevated {
        List<String> query() { return ShNames.of([${QUERY}]); }
    }
}`,
    ShWithout: `public without sharing class ShWithout {
    public static List<String> systemQuery() { return ShNames.of([${QUERY}]); }
    public static List<String> userQuery() { return ShNames.of([SELECT Name FROM Memo__c WITH USER_MODE ORDER BY Name]); }
    public static List<String> throughInherited() { return ShInherited.systemQuery(); }
    public static Database.SaveResult systemUpdate(Memo__c m) { return Database.update(m, false, AccessLevel.SYSTEM_MODE); }
    public static Database.SaveResult userUpdate(Memo__c m) { return Database.update(m, false, AccessLevel.USER_MODE); }
    public static Database.DeleteResult systemDelete(Id memoId) {
        return Database.delete(memoId, false, AccessLevel.SYSTEM_MODE);
    }
}`,
    ShInherited: `public inherited sharing class ShInherited {
    public static List<String> systemQuery() { return ShNames.of([${QUERY}]); }
    public static Database.SaveResult systemUpdate(Memo__c m) { return Database.update(m, false, AccessLevel.SYSTEM_MODE); }
}`,
    ShNames: `public inherited sharing class ShNames {
    public static List<String> of(List<Memo__c> rows) {
        List<String> out = new List<String>();
        for (Memo__c m : rows) out.add(m.Name);
        return out;
    }
}`,
    ShTriggerProbe: `public with sharing class ShTriggerProbe {
    public static Integer seenByTrigger;
    public static Integer seenByHandler;
    public static void handle() { seenByHandler = [SELECT COUNT() FROM Memo__c WITH SYSTEM_MODE]; }
}`,
};

const TRIGGER = `trigger ShMemoTrigger on Memo__c (before insert) {
    ShTriggerProbe.seenByTrigger = [SELECT COUNT() FROM Memo__c WITH SYSTEM_MODE];
    ShTriggerProbe.handle();
}`;

/** Inserts a memo owned by the admin, then runs the body as a seller who owns one memo. */
const SETUP = `
    static Memo__c adminMemo;
    static Memo__c sellerMemo;
    static User seller(String permissionSetName) {
        Profile p = [SELECT Id FROM Profile WHERE Name = 'Standard User'];
        User u = new User(Alias = 'sel', Email = 'sel@example.com', EmailEncodingKey = 'UTF-8', LastName = 'Seller',
            LanguageLocaleKey = 'en_US', LocaleSidKey = 'en_US', ProfileId = p.Id, TimeZoneSidKey = 'Europe/Berlin',
            Username = 'sel' + DateTime.now().getTime() + '@example.com');
        System.runAs(new User(Id = UserInfo.getUserId())) {
            insert u;
            insert new PermissionSetAssignment(AssigneeId = u.Id,
                PermissionSetId = [SELECT Id FROM PermissionSet WHERE Name = :permissionSetName].Id);
        }
        adminMemo = new Memo__c(Name = 'admin');
        insert as system adminMemo;
        System.runAs(u) {
            sellerMemo = new Memo__c(Name = 'mine');
            insert as system sellerMemo;
        }
        return u;
    }
`;

function run(methods: Record<string, string>): void {
    const results = runApex({
        classes: { ...CLASSES, ShSharingTest: testClass('ShSharingTest', methods, SETUP) },
        triggers: { ShMemoTrigger: TRIGGER },
        files: {
            'main/default/objects/Memo__c/Memo__c.object-meta.xml': MEMO,
            'main/default/objects/Memo__c/fields/Note__c.field-meta.xml': NOTE_FIELD,
            'main/default/permissionsets/MemoUser.permissionset-meta.xml': permissionSet('Memo User', false, false),
            'main/default/permissionsets/MemoViewAll.permissionset-meta.xml': permissionSet('Memo View All', true, false),
            'main/default/permissionsets/MemoModifyAll.permissionset-meta.xml': permissionSet('Memo Modify All', true, true),
        },
    });
    assert.equal(results.size, Object.keys(methods).length, 'every method ran');
    const failures = describeFailures(results);
    assert.equal(failures, '', failures);
}

test('system-mode SOQL follows the sharing keyword of the running class; user mode always shares', () => {
    run({
        systemModeQueries: `
        System.runAs(seller('MemoUser')) {
            List<String> both = new List<String>{ 'admin', 'mine' };
            List<String> mine = new List<String>{ 'mine' };
            Assert.areEqual(mine, ShWith.systemQuery(), 'WITH SYSTEM_MODE in a with sharing class');
            Assert.areEqual(mine, ShWith.dynamicSystemQuery(), 'Database.query(q, AccessLevel.SYSTEM_MODE), with sharing');
            Assert.areEqual(1, ShWith.systemCount(), 'COUNT() in system mode, with sharing');
            Assert.areEqual(both, ShWithout.systemQuery(), 'WITH SYSTEM_MODE in a without sharing class');
            Assert.areEqual(mine, ShWithout.userQuery(), 'WITH USER_MODE shares even without sharing');
            Assert.areEqual(mine, ShWith.throughInherited(), 'inherited sharing called from with sharing');
            Assert.areEqual(both, ShWithout.throughInherited(), 'inherited sharing called from without sharing');
            Assert.areEqual(both, ShWith.throughInnerWithout(), 'an inner without sharing class does not inherit');
        }`,
        viewAllSeesEveryRow: `
        System.runAs(seller('MemoViewAll')) {
            Assert.areEqual(new List<String>{ 'admin', 'mine' }, ShWith.systemQuery(), 'View All reads every row');
        }`,
        triggersRunWithoutSharing: `
        User u = seller('MemoUser');
        System.runAs(u) {
            insert as system new Memo__c(Name = 'another');
        }
        Assert.areEqual(2, ShTriggerProbe.seenByTrigger, 'the trigger body sees every row');
        Assert.areEqual(1, ShTriggerProbe.seenByHandler, 'a with sharing class called from the trigger shares');`,
    });
});

test('system-mode DML follows the sharing keyword for updates and deletes, and still ignores CRUD and FLS', () => {
    run({
        systemModeUpdates: `
        System.runAs(seller('MemoUser')) {
            Database.SaveResult denied = ShWith.systemUpdate(new Memo__c(Id = adminMemo.Id, Name = 'x'));
            Assert.isFalse(denied.isSuccess(), 'with sharing cannot edit a row it cannot see');
            Assert.areEqual(StatusCode.INSUFFICIENT_ACCESS_OR_READONLY, denied.getErrors()[0].getStatusCode());
            Assert.isFalse(ShWith.throughInheritedUpdate(new Memo__c(Id = adminMemo.Id, Name = 'x')).isSuccess(),
                'inherited sharing called from with sharing');
            Assert.isFalse(ShWithout.userUpdate(new Memo__c(Id = adminMemo.Id, Name = 'x')).isSuccess(),
                'user mode always shares');
            Assert.isTrue(ShWithout.systemUpdate(new Memo__c(Id = adminMemo.Id, Name = 'renamed')).isSuccess(),
                'without sharing edits any row in system mode');
            try {
                ShWith.updateAsSystem(new Memo__c(Id = adminMemo.Id, Name = 'y'));
                Assert.fail('update as system in a with sharing class');
            } catch (DmlException e) {
                Assert.areEqual(StatusCode.INSUFFICIENT_ACCESS_OR_READONLY, e.getDmlType(0));
            }
            Database.SaveResult own = ShWith.systemUpdate(new Memo__c(Id = sellerMemo.Id, Note__c = 'no FLS needed'));
            Assert.isTrue(own.isSuccess(), 'system mode ignores FLS on the row the user owns');
            Assert.isTrue(ShWith.systemInsert(new Memo__c(Name = 'new', Note__c = 'x')).isSuccess(),
                'inserts need no record access');
        }
        Assert.areEqual('renamed', [SELECT Name FROM Memo__c WHERE Id = :adminMemo.Id].Name);`,
        systemModeDeletes: `
        System.runAs(seller('MemoUser')) {
            Database.DeleteResult denied = ShWith.systemDelete(adminMemo.Id);
            Assert.isFalse(denied.isSuccess(), 'with sharing cannot delete a row it cannot see');
            Assert.areEqual(StatusCode.INSUFFICIENT_ACCESS_OR_READONLY, denied.getErrors()[0].getStatusCode());
            Assert.isTrue(ShWith.systemDelete(sellerMemo.Id).isSuccess(), 'the owner deletes its own row');
            Assert.isTrue(ShWithout.systemDelete(adminMemo.Id).isSuccess(), 'without sharing deletes any row');
        }`,
        viewAllReadsButModifyAllWrites: `
        System.runAs(seller('MemoViewAll')) {
            Assert.isFalse(ShWith.systemUpdate(new Memo__c(Id = adminMemo.Id, Name = 'x')).isSuccess(),
                'View All gives read access only');
        }
        System.runAs(seller('MemoModifyAll')) {
            Assert.isTrue(ShWith.systemUpdate(new Memo__c(Id = adminMemo.Id, Name = 'x')).isSuccess(),
                'Modify All edits every row');
        }`,
    });
});

test('OpportunityContactRole access follows its Opportunity', () => {
    run({
        contactRoleFollowsOpportunity: `
        Account a = new Account(Name = 'Acme');
        insert as system a;
        Contact c = new Contact(LastName = 'Buyer', AccountId = a.Id);
        insert as system c;
        User u = seller('MemoUser');
        Opportunity theirs = new Opportunity(Name = 'Theirs', StageName = 'Prospecting', CloseDate = Date.today());
        insert as system theirs;
        OpportunityContactRole theirRole = new OpportunityContactRole(OpportunityId = theirs.Id, ContactId = c.Id);
        insert as system theirRole;
        System.runAs(u) {
            Opportunity mine = new Opportunity(Name = 'Mine', StageName = 'Prospecting', CloseDate = Date.today());
            insert as system mine;
            OpportunityContactRole myRole = new OpportunityContactRole(OpportunityId = mine.Id, ContactId = c.Id);
            insert as system myRole;
            Assert.isTrue(Database.delete(myRole.Id, false, AccessLevel.SYSTEM_MODE).isSuccess(),
                'the Opportunity owner deletes its contact role');
            Assert.isTrue(Database.update(new OpportunityContactRole(Id = theirRole.Id, Role = 'Decision Maker'),
                false, AccessLevel.SYSTEM_MODE).isSuccess(), 'a public read/write Opportunity lets others edit its roles');
        }`,
    });
});
