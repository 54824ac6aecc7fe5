// Metadata assertions for the data model and the surfaces (issue 4): the binding names of docs/architecture.md
// exist, keys are unique external ids, picklists carry Partner Center's values, events publish as designed, every
// field explains itself, mapping records point at real fields, and pages, apps, tabs and report types reference
// things that exist. Run: `node --test scripts/metadata-tests/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { arr, readMetadata, customFields, files, permissionSet, ROOT } from './metadata.mjs';

const fields = customFields();
const objects = readMetadata('objects', '.object-meta.xml', 'CustomObject');
const standardFields = JSON.parse(readFileSync(join(ROOT, 'scripts/apex-gate/standard-fields.json'), 'utf8')).objects;
const ASSISTANCE_CODES = [
    'WorkloadSpecificValueProposition',
    'CustomerTechnicalArchitecture',
    'ProofOfConceptOrDemo',
    'QuotesOrLicensing',
    'PostSalesCustomerSuccess',
    'GeneralOrOther'
];
// Technical fields written only by the sync: no inline help, because no person ever edits them.
const TECHNICAL = new Set([
    'Opportunity.CoSellETag__c',
    'Opportunity.CoSellSyncHash__c',
    'Opportunity.CoSellWatermark__c'
]);
const values = (field) => arr(field.valueSet?.valueSetDefinition?.value).map((v) => String(v.fullName));

function fieldExists(object, name) {
    return fields.has(`${object}.${name}`) || (standardFields[object]?.fields ?? []).includes(name);
}

test('every name in docs/architecture.md §2 exists in the package', () => {
    const architecture = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    const section = architecture.slice(architecture.indexOf('## 2. Data model'), architecture.indexOf('## 3. Apex'));
    for (const [, name] of section.matchAll(/`([A-Za-z]+__(?:c|e|mdt))`/g)) {
        const isObject = objects.has(name);
        const isField = [...fields.keys()].some((key) => key.endsWith(`.${name}`));
        assert.ok(isObject || isField, `${name} (architecture.md §2) is not defined`);
    }
    const opportunityTable = section.slice(section.indexOf('### Opportunity fields'), section.indexOf('### Objects'));
    for (const [, name] of opportunityTable.matchAll(/^\| `([A-Za-z]+__c)`/gm)) {
        assert.ok(fields.has(`Opportunity.${name}`), `Opportunity.${name} missing`);
    }
});

test('every custom field has a description, and every field a person sees has inline help', () => {
    for (const [key, field] of fields) {
        assert.ok(String(field.description ?? '').length >= 10, `${key}: description`);
        const object = key.split('.')[0];
        const peopleSeeIt = !object.endsWith('__e') && !TECHNICAL.has(key) && !key.endsWith('.UniqueKey__c');
        if (peopleSeeIt) assert.ok(String(field.inlineHelpText ?? '').length >= 10, `${key}: inline help`);
        if (field.inlineHelpText) assert.ok(String(field.inlineHelpText).length <= 510, `${key}: help too long`);
    }
    for (const [name, object] of objects) {
        assert.ok(String(object.description ?? '').length >= 10, `${name}: object description`);
    }
});

test('keys are unique, case-insensitive external ids', () => {
    for (const key of [
        'Opportunity.CoSellReferralId__c',
        'CoSellSolution__c.UniqueKey__c',
        'CoSellOutbox__c.Key__c',
        'CoSellInbox__c.Key__c',
        'CoSellWebhookReceipt__c.Key__c'
    ]) {
        const field = fields.get(key);
        assert.equal(field.type, 'Text', `${key}: text`);
        assert.equal(field.unique, true, `${key}: unique`);
        assert.equal(field.externalId, true, `${key}: external id`);
        assert.equal(field.caseSensitive, false, `${key}: case-insensitive`);
    }
    assert.equal(fields.get('Opportunity.CoSellReferralId__c').length, 64, 'referral id Text(64)');
    assert.equal(fields.get('CoSellSolution__c.SolutionId__c').required, true, 'solution id required');
    const parent = fields.get('CoSellSolution__c.Opportunity__c');
    assert.equal(parent.type, 'MasterDetail', 'solutions are master-detail children of Opportunity');
    assert.equal(parent.referenceTo, 'Opportunity');
    assert.equal(objects.get('CoSellSolution__c').sharingModel, 'ControlledByParent');
    for (const object of ['CoSellSyncLog__c', 'CoSellOutbox__c']) {
        assert.equal(
            fields.get(`${object}.Opportunity__c`).deleteConstraint,
            'SetNull',
            `${object}: keeps rows on delete`
        );
    }
});

test('picklists carry Partner Center values; only the sync status is restricted', () => {
    const help = fields.get('Opportunity.CoSellHelpNeeded__c');
    assert.deepEqual(values(help), ASSISTANCE_CODES, 'help needed API values = assistanceRequestCode');
    assert.equal(help.valueSet.restricted, true);
    const syncStatus = fields.get('Opportunity.CoSellSyncStatus__c');
    assert.deepEqual(values(syncStatus), ['NotShared', 'Pending', 'Synced', 'Error', 'Conflict', 'AuthBlocked']);
    assert.equal(syncStatus.valueSet.restricted, true);
    const defaults = arr(syncStatus.valueSet.valueSetDefinition.value).filter((v) => v.default === true);
    assert.deepEqual(
        defaults.map((v) => v.fullName),
        ['NotShared'],
        'default Not shared'
    );
    assert.deepEqual(values(fields.get('Opportunity.CoSellStatus__c')), ['New', 'Active', 'Closed']);
    assert.deepEqual(values(fields.get('Opportunity.CoSellSubstatus__c')), [
        'Pending',
        'Received',
        'Accepted',
        'Won',
        'Lost',
        'Declined',
        'Expired'
    ]);
    for (const key of ['Opportunity.CoSellStatus__c', 'Opportunity.CoSellSubstatus__c']) {
        assert.equal(fields.get(key).valueSet.restricted, false, `${key}: unknown values pass through`);
    }
    // Log picklists are unrestricted so that an audit entry is never lost over a new value.
    for (const key of [
        'CoSellSyncLog__c.Direction__c',
        'CoSellSyncLog__c.Operation__c',
        'CoSellSyncLog__c.Outcome__c'
    ]) {
        assert.equal(fields.get(key).valueSet.restricted, false, `${key}: unrestricted`);
    }
});

test('platform events publish as designed', () => {
    const expected = {
        CoSellSyncKick__e: 'PublishAfterCommit',
        CoSellWebhookEvent__e: 'PublishImmediately',
        CoSellLogEvent__e: 'PublishImmediately',
        CoSellStatusChange__e: 'PublishAfterCommit'
    };
    for (const [name, behaviour] of Object.entries(expected)) {
        assert.equal(objects.get(name)?.publishBehavior, behaviour, `${name}: ${behaviour}`);
        assert.equal(objects.get(name)?.eventType, 'HighVolume', `${name}: high-volume event`);
    }
    const logFields = [...fields.keys()].filter((k) => k.startsWith('CoSellSyncLog__c.')).map((k) => k.split('.')[1]);
    for (const name of logFields) {
        const mirrored = { Opportunity__c: 'OpportunityId__c', User__c: 'UserId__c' }[name] ?? name;
        assert.ok(fields.has(`CoSellLogEvent__e.${mirrored}`), `CoSellLogEvent__e mirrors ${name} as ${mirrored}`);
    }
});

test('default field mappings reproduce Microsoft’s mapping and point at real Opportunity fields', () => {
    const mappings = readMetadata('customMetadata', '.md-meta.xml', 'CustomMetadata');
    const rows = [...mappings].filter(([name]) => name.startsWith('CoSellFieldMapping.'));
    const transforms = values(fields.get('CoSellFieldMapping__mdt.Transform__c'));
    const byPath = new Map();
    for (const [name, record] of rows) {
        const v = Object.fromEntries(arr(record.values).map((x) => [x.field, x.value === '' ? null : x.value]));
        assert.equal(v.SalesforceObject__c, 'Opportunity', `${name}: Opportunity`);
        assert.match(String(v.PartnerCenterPath__c), /^(\/[A-Za-z]+)+$/, `${name}: JSON pointer`);
        assert.ok(transforms.includes(v.Transform__c), `${name}: transform ${v.Transform__c}`);
        assert.ok(['Outbound', 'Inbound', 'Both'].includes(v.Direction__c), `${name}: direction`);
        if (v.SalesforceField__c) {
            const [object, field] = String(v.SalesforceField__c).split('.');
            assert.equal(object, 'Opportunity', `${name}: field on Opportunity`);
            assert.ok(fieldExists('Opportunity', field), `${name}: Opportunity.${field} exists`);
        } else {
            assert.notEqual(v.IsEnabled__c, true, `${name}: an enabled row needs a field`);
        }
        byPath.set(`${v.PartnerCenterPath__c}|${v.Direction__c}`, v);
    }
    const expect = (path, direction, field) =>
        assert.equal(byPath.get(`${path}|${direction}`)?.SalesforceField__c ?? null, field, `${direction} ${path}`);
    expect('/name', 'Outbound', 'Opportunity.Name');
    expect('/name', 'Inbound', 'Opportunity.Name');
    expect('/details/dealValue', 'Both', 'Opportunity.Amount');
    expect('/details/closingDateTime', 'Both', 'Opportunity.CloseDate');
    expect('/details/notes', 'Both', 'Opportunity.Description');
    expect('/inviteContext/assistanceRequestCode', 'Outbound', 'Opportunity.CoSellHelpNeeded__c');
    expect('/details/currency', 'Both', null);
    assert.equal(byPath.get('/details/currency|Both').IsEnabled__c, false, 'currency row ships disabled');
    assert.equal(byPath.get('/name|Inbound').OnUpdate__c, false, 'name flows inbound on create only, like Microsoft');
});

test('the trusted certificate row allows only Microsoft’s certificate host and ships unpinned and inactive', () => {
    const rows = [...readMetadata('customMetadata', '.md-meta.xml', 'CustomMetadata')].filter(([n]) =>
        n.startsWith('CoSellTrustedCertificate.')
    );
    assert.equal(rows.length, 1, 'one shipped row');
    const v = Object.fromEntries(arr(rows[0][1].values).map((x) => [x.field, x.value]));
    assert.equal(v.UrlPrefix__c, 'https://3psostorageacct.blob.core.windows.net/cert/');
    assert.equal(v.IsActive__c, false, 'inactive until the admin pins the thumbprint');
    assert.ok(!v.Thumbprint__c, 'no thumbprint shipped: it is pinned by the admin from the live certificate');
});

test('record page, app, tabs and report types reference things that exist', () => {
    const childRelationships = new Set(
        [...fields.values()]
            .filter((f) => f.referenceTo === 'Opportunity' && f.relationshipName)
            .map((f) => `${f.relationshipName}__r`)
    );
    const page = readFileSync(
        files('flexipages', 'CoSellOpportunityRecordPage.flexipage-meta.xml')[0] ?? 'missing',
        'utf8'
    );
    const related = [...page.matchAll(/<name>relatedListApiName<\/name>\s*<value>([^<]+)<\/value>/g)].map((m) => m[1]);
    assert.deepEqual(related.sort(), ['CoSellSolutions__r', 'CoSellSyncLogs__r']);
    for (const rel of related) assert.ok(childRelationships.has(rel), `${rel} is a child relationship of Opportunity`);
    assert.match(page, /<componentName>coSellCard<\/componentName>/, 'the co-sell card is on the page');

    const tabs = new Set(files('tabs', '.tab-meta.xml').map((f) => f.split('/').pop().replace('.tab-meta.xml', '')));
    const app = readMetadata('applications', '.app-meta.xml', 'CustomApplication').get('CoSell');
    for (const tab of arr(app.tabs)) {
        assert.ok(tab.startsWith('standard-') || tabs.has(tab), `app tab ${tab} exists`);
    }
    for (const tab of tabs) {
        if (tab.endsWith('__c')) assert.ok(objects.has(tab), `tab ${tab} has its object`);
    }
    for (const name of ['CoSellAdmin', 'CoSellAuditViewer']) {
        for (const t of arr(permissionSet(name).tabSettings))
            assert.ok(tabs.has(t.tab), `${name}: tab ${t.tab} exists`);
    }

    const childObjectOf = new Map(
        [...fields.entries()]
            .filter(([, f]) => f.relationshipName)
            .map(([k, f]) => [`${f.relationshipName}__r`, k.split('.')[0]])
    );
    for (const [name, rt] of readMetadata('reportTypes', '.reportType-meta.xml', 'ReportType')) {
        for (const section of arr(rt.sections)) {
            for (const column of arr(section.columns)) {
                const table = column.table.split('.');
                const object = table.length === 1 ? table[0] : childObjectOf.get(table[1]);
                const standard = ['Name', 'CreatedDate', 'StageName', 'Amount', 'CloseDate'].includes(column.field);
                assert.ok(standard || fieldExists(object, column.field), `${name}: ${column.table}.${column.field}`);
            }
        }
    }
});

test('components and Apex classes that the metadata names exist (integration check across features)', () => {
    const lwc = (name) => join(ROOT, 'force-app/main/ui/lwc', name, `${name}.js-meta.xml`);
    const card = lwc('coSellCard');
    assert.ok(existsSync(card), 'c:coSellCard exists (LWC feature)');
    const cardMeta = readFileSync(card, 'utf8');
    assert.match(cardMeta, /lightning__RecordPage/, 'coSellCard targets record pages');
    const setupTab = readMetadata('tabs', '.tab-meta.xml', 'CustomTab').get('CoSellSetup');
    const setup = lwc(setupTab.lwcComponent);
    assert.ok(existsSync(setup), `c:${setupTab.lwcComponent} exists (LWC feature)`);
    assert.match(readFileSync(setup, 'utf8'), /lightning__Tab/, `${setupTab.lwcComponent} targets lightning__Tab`);
    const classes = new Set(files('classes', '.cls').map((f) => f.split('/').pop().replace('.cls', '')));
    for (const name of ['CoSellSeller', 'CoSellAdmin', 'CoSellWebhookGuest']) {
        for (const c of arr(permissionSet(name).classAccesses)) {
            assert.ok(classes.has(c.apexClass), `${name}: Apex class ${c.apexClass} exists`);
        }
    }
});

test('page layouts and compact layouts name existing fields, and required fields are marked required', () => {
    const system = new Set(['Name', 'OwnerId', 'CreatedById', 'LastModifiedById', 'CreatedDate']);
    for (const [name, layout] of readMetadata('layouts', '.layout-meta.xml', 'Layout')) {
        const object = name.split('-')[0];
        assert.ok(objects.has(object), `${name}: object exists`);
        for (const section of arr(layout.layoutSections)) {
            for (const column of arr(section.layoutColumns)) {
                for (const item of arr(column?.layoutItems)) {
                    assert.ok(
                        system.has(item.field) || fields.has(`${object}.${item.field}`),
                        `${name}: ${item.field}`
                    );
                    const field = fields.get(`${object}.${item.field}`);
                    if (field?.required === true || field?.type === 'MasterDetail') {
                        assert.equal(item.behavior, 'Required', `${name}: ${item.field} must be Required`);
                    }
                }
            }
        }
    }
    for (const file of files('compactLayouts', '.compactLayout-meta.xml')) {
        const object = file.split('/objects/')[1].split('/')[0];
        const compact = readMetadata('compactLayouts', '.compactLayout-meta.xml', 'CompactLayout').get(
            file.split('/').pop().replace('.compactLayout-meta.xml', '')
        );
        assert.equal(
            objects.get(object).compactLayoutAssignment,
            compact.fullName,
            `${object}: compact layout assigned`
        );
        for (const f of arr(compact.fields)) {
            assert.ok(system.has(f) || fields.has(`${object}.${f}`), `${object} compact layout: ${f}`);
        }
    }
});

test('every production Apex class is described in docs/architecture.md §3', () => {
    const architecture = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    const section = architecture.slice(architecture.indexOf('## 3.'), architecture.indexOf('## 4.'));
    const classes = files('classes', '.cls').filter(
        (f) => f.includes('/force-app/main/') || f.startsWith('force-app/main/')
    );
    assert.ok(classes.length > 40, `production classes found: ${classes.length}`);
    for (const file of classes) {
        const name = file.split('/').pop().replace('.cls', '');
        assert.ok(section.includes('`' + name + '`'), `${name} has a row (or a mention) in architecture §3`);
    }
});
