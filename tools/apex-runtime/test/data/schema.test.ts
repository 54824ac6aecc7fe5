/**
 * Schema loading from project metadata plus the standard object catalogue.
 * Sources: Metadata API Developer Guide, "CustomField" / "CustomObject" / "CustomMetadata" / "PermissionSet"
 * (https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm); Object Reference,
 * "Opportunity" (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunity.htm)
 * and "CurrencyIsoCode" availability only in multi-currency orgs (Object Reference, Opportunity field notes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadOrgSchema } from '../../src/data/index.js';
import { Decimal } from '../../src/values/index.js';
import { FIXTURES } from './helpers.js';

const schema = loadOrgSchema(join(FIXTURES, 'data-project'));

test('custom objects, fields and their attributes', () => {
    const inv = schema.getObject('invoice__C')!;
    assert.equal(inv.name, 'Invoice__c');
    assert.equal(inv.kind, 'custom');
    assert.match(inv.keyPrefix, /^a\w\w$/);
    const code = schema.getField('Invoice__c', 'code__c')!;
    assert.deepEqual(
        [code.type, code.length, code.externalId, code.unique, code.caseSensitive],
        ['Text', 10, true, true, false]
    );
    const status = schema.getField('Invoice__c', 'Status__c')!;
    assert.equal(status.restricted, true);
    assert.deepEqual(
        status.picklistValues!.map((v) => v.value),
        ['Draft', 'Sent', 'Paid']
    );
    assert.equal(status.defaultValue, '"Draft"');
    const amount = schema.getField('Invoice__c', 'Amount__c')!;
    assert.deepEqual([amount.precision, amount.scale], [16, 2]);
    const master = schema.getField('InvoiceLine__c', 'Invoice__c')!;
    assert.equal(master.type, 'MasterDetail');
    assert.equal(master.required, true);
    assert.equal(master.relationshipName, 'Invoice__r');
    assert.ok(inv.childRelationships.some((c) => c.relationshipName === 'Lines__r' && c.cascadeDelete));
    // a detail object has no owner
    assert.equal(schema.getField('InvoiceLine__c', 'OwnerId'), null);
    assert.ok(schema.getField('Invoice__c', 'OwnerId'));
});

test('standard objects with key prefixes and standard fields', () => {
    const prefixes = Object.fromEntries(
        [
            'Account',
            'Contact',
            'Opportunity',
            'User',
            'Profile',
            'PermissionSet',
            'PermissionSetAssignment',
            'OpportunityTeamMember',
            'OpportunityContactRole',
            'ContentNote',
            'ContentDocumentLink',
            'Note',
            'Task',
            'Organization',
            'AsyncApexJob',
            'CronTrigger',
            'CustomNotificationType',
            'Group'
        ].map((n) => [n, schema.getObject(n)!.keyPrefix])
    );
    assert.deepEqual(prefixes, {
        Account: '001',
        Contact: '003',
        Opportunity: '006',
        User: '005',
        Profile: '00e',
        PermissionSet: '0PS',
        PermissionSetAssignment: '0Pa',
        OpportunityTeamMember: '00q',
        OpportunityContactRole: '00K',
        ContentNote: '069',
        ContentDocumentLink: '06A',
        Note: '002',
        Task: '00T',
        Organization: '00D',
        AsyncApexJob: '707',
        CronTrigger: '08e',
        CustomNotificationType: '0ML',
        Group: '00G'
    });
    for (const f of [
        'Name',
        'AccountId',
        'Amount',
        'CloseDate',
        'StageName',
        'Probability',
        'Description',
        'OwnerId',
        'IsClosed',
        'IsWon',
        'Type',
        'LeadSource',
        'NextStep',
        'CreatedDate',
        'LastModifiedById',
        'SystemModstamp'
    ]) {
        assert.ok(schema.getField('Opportunity', f), `Opportunity.${f}`);
    }
    for (const f of ['BillingCountryCode', 'BillingStateCode', 'ShippingCity', 'Website', 'Phone', 'Industry'])
        assert.ok(schema.getField('Account', f), f);
    for (const f of [
        'Alias',
        'Email',
        'Username',
        'LastName',
        'ProfileId',
        'TimeZoneSidKey',
        'LocaleSidKey',
        'LanguageLocaleKey',
        'EmailEncodingKey',
        'IsActive',
        'UserType'
    ])
        assert.ok(schema.getField('User', f), f);
    assert.deepEqual(
        schema.getField('Opportunity', 'StageName')!.picklistValues!.map((p) => p.value),
        [
            'Prospecting',
            'Qualification',
            'Needs Analysis',
            'Value Proposition',
            'Id. Decision Makers',
            'Perception Analysis',
            'Proposal/Price Quote',
            'Negotiation/Review',
            'Closed Won',
            'Closed Lost'
        ]
    );
    const label = (o: string, f: string) => schema.getField(o, f)!.label;
    assert.deepEqual(
        [
            label('Opportunity', 'StageName'),
            label('Opportunity', 'AccountId'),
            label('Opportunity', 'IsClosed'),
            label('Opportunity', 'CloseDate'),
            label('Opportunity', 'Id'),
            label('Account', 'BillingCountryCode')
        ],
        ['Stage', 'Account ID', 'Closed', 'Close Date', 'Opportunity ID', 'Billing Country Code']
    );
    // the project's own field on a standard object
    assert.equal(schema.getField('Opportunity', 'Ext__c')!.caseSensitive, true);
});

test('CurrencyIsoCode exists only in multi-currency orgs', () => {
    assert.equal(schema.multiCurrency, false);
    assert.equal(schema.getField('Opportunity', 'CurrencyIsoCode'), null);
    const mc = loadOrgSchema(join(FIXTURES, 'automation-project'));
    assert.equal(mc.multiCurrency, true);
    assert.ok(mc.getField('Opportunity', 'CurrencyIsoCode'));
    assert.ok(mc.getField('Widget__c', 'CurrencyIsoCode'));
    assert.deepEqual(mc.getObject('Widget__c')!.unsupportedAutomation, ['validation rule NeedsName']);
});

test('custom metadata records with typed values', () => {
    const recs = schema.customMetadataRecords.get('config__mdt')!;
    assert.equal(recs.length, 2);
    const alpha = recs.find((r) => r.get('DeveloperName') === 'Alpha')!;
    assert.equal(alpha.get('MasterLabel'), 'Alpha config');
    assert.equal(alpha.get('Value__c'), 'first');
    assert.ok(alpha.get('Weight__c') instanceof Decimal);
    assert.equal((alpha.get('Weight__c') as Decimal).toString(), '1.50');
    assert.equal(alpha.get('IsOn__c'), true);
    assert.equal(alpha.get('TargetField__c'), 'Opportunity.Amount');
    const beta = recs.find((r) => r.get('DeveloperName') === 'Beta')!;
    assert.equal(beta.get('Value__c'), null);
    assert.equal(beta.get('IsOn__c'), false);
});

test('custom settings, platform events, permission sets, custom permissions, named credentials', () => {
    assert.equal(schema.getObject('Settings__c')!.customSettingsType, 'Hierarchy');
    assert.ok(schema.getField('Settings__c', 'SetupOwnerId'));
    const ev = schema.getObject('Notice__e')!;
    assert.deepEqual(
        [ev.kind, ev.publishBehavior, ev.eventType],
        ['platformEvent', 'PublishAfterCommit', 'HighVolume']
    );
    const ps = schema.permissionSets.get('invoiceuser')!;
    assert.deepEqual(ps.objectPermissions.get('invoice__c'), {
        read: true,
        create: true,
        edit: true,
        delete: false,
        viewAll: false,
        modifyAll: false
    });
    assert.deepEqual(ps.fieldPermissions.get('invoice__c.amount__c'), { readable: true, editable: false });
    assert.ok(ps.customPermissions.has('manageinvoices'));
    assert.equal(schema.customPermissions.get('manageinvoices')!.label, 'Manage Invoices');
    const nc = schema.namedCredentials.get('billing')!;
    assert.equal(nc.endpoint, 'https://billing.example.com/api');
    assert.equal(nc.externalCredential, 'BillingAuth');
});
