// Metadata assertions for the security checklist (salesforce-platform.md §9): C1 (no secrets in credentials),
// C5 (guest grants), C11 (named credential flags), C12 (principal access only through CoSellIntegration) and
// C17 (log, queue and audit objects private and reachable only through the admin-side permission sets), and
// source scans for C2 (sharing declared and justified), C3/C4 (where system mode is allowed, and why), C10
// (callouts only through named credentials) and the house rule that selectors own every SOQL and CMDT read.
// Reads the package source directly, so it runs offline in CI: `node --test scripts/metadata-tests/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arr, readMetadata, permissionSet, customFields, ROOT } from './metadata.mjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PARTNER_CENTER_PRINCIPALS = [
    'CoSellPartnerCenter-IntegrationUser',
    'CoSellPartnerCenterWebhooks-IntegrationUser'
];
const CERTIFICATE_PRINCIPAL = 'CoSellCertificateHost-Anonymous';
const PRIVATE_OBJECTS = [
    'CoSellSyncLog__c',
    'CoSellOutbox__c',
    'CoSellInbox__c',
    'CoSellWebhookReceipt__c',
    'CoSellSyncState__c'
];
const ALL_PERMISSION_SETS = [
    'CoSellSeller',
    'CoSellAdmin',
    'CoSellAuditViewer',
    'CoSellIntegration',
    'CoSellWebhookGuest'
];

const namedCredentials = readMetadata('namedCredentials', '.namedCredential-meta.xml', 'NamedCredential');
const externalCredentials = readMetadata('externalCredentials', '.externalCredential-meta.xml', 'ExternalCredential');
const authProviders = readMetadata('authproviders', '.authprovider-meta.xml', 'AuthProvider');

test('C1: credentials carry no secret values', () => {
    assert.ok(externalCredentials.size >= 3, 'three external credentials expected');
    const allowedValueParameters = new Set(['AuthParameter', 'AuthProtocolVariant']);
    for (const [name, ec] of externalCredentials) {
        for (const p of arr(ec.externalCredentialParameters)) {
            if (p.parameterValue === undefined) continue;
            assert.ok(
                allowedValueParameters.has(p.parameterType),
                `${name}: parameter ${p.parameterName} (${p.parameterType}) must not carry a value in source`
            );
            assert.doesNotMatch(String(p.parameterValue), /secret|password|bearer|eyJ/i, `${name}: ${p.parameterName}`);
        }
    }
    for (const [name, ap] of authProviders) {
        assert.equal(
            ap.consumerSecret,
            undefined,
            `${name}: the consumer secret is entered by the admin, never shipped`
        );
        assert.match(ap.authorizeUrl, /^https:\/\/login\.microsoftonline\.com\//, `${name}: Entra ID authorize URL`);
        assert.match(ap.tokenUrl, /^https:\/\/login\.microsoftonline\.com\//, `${name}: Entra ID token URL`);
        assert.doesNotMatch(String(ap.consumerKey), /^[0-9a-f-]{36}$/i, `${name}: no real client id is shipped`);
    }
    // Belt and braces: no secret-looking element anywhere in the package metadata.
    const offenders = [];
    const walk = (dir) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const full = join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.xml')) {
                const text = readFileSync(full, 'utf8');
                if (/<(consumerSecret|password|oauthToken|oauthRefreshToken|privateKey)>/i.test(text))
                    offenders.push(full);
            }
        }
    };
    walk(join(ROOT, 'force-app'));
    assert.deepEqual(offenders, [], 'metadata files with secret elements');
});

test('C5: the webhook guest permission set grants only the REST class and the no-secret certificate host', () => {
    const guest = permissionSet('CoSellWebhookGuest');
    assert.deepEqual(
        arr(guest.classAccesses).map((c) => [c.apexClass, c.enabled]),
        [['PartnerCenterWebhookResource', true]],
        'exactly one Apex class'
    );
    for (const key of [
        'objectPermissions',
        'fieldPermissions',
        'userPermissions',
        'customPermissions',
        'tabSettings',
        'applicationVisibilities',
        'customMetadataTypeAccesses',
        'customSettingAccesses',
        'pageAccesses',
        'flowAccesses',
        'recordTypeVisibilities'
    ]) {
        assert.equal(arr(guest[key]).length, 0, `guest must not have ${key}`);
    }
    const principals = arr(guest.externalCredentialPrincipalAccesses).map((p) => p.externalCredentialPrincipal);
    assert.deepEqual(principals, [CERTIFICATE_PRINCIPAL], 'only the unauthenticated certificate host principal');
    const certificateEc = externalCredentials.get('CoSellCertificateHost');
    const variant = arr(certificateEc.externalCredentialParameters).find(
        (p) => p.parameterType === 'AuthProtocolVariant'
    );
    assert.equal(certificateEc.authenticationProtocol, 'Custom', 'certificate host credential is Custom');
    assert.equal(variant?.parameterValue, 'NoAuthentication', 'and carries no authentication at all');
});

test('C11: named credentials disallow merge fields, generate the auth header and use https', () => {
    assert.deepEqual(
        [...namedCredentials.keys()].sort(),
        ['CoSellCertificateHost', 'CoSellPartnerCenter', 'CoSellPartnerCenterWebhooks'],
        'the three named credentials of docs/architecture.md'
    );
    for (const [name, nc] of namedCredentials) {
        assert.equal(nc.allowMergeFieldsInHeader, false, `${name}: allowMergeFieldsInHeader`);
        assert.equal(nc.allowMergeFieldsInBody, false, `${name}: allowMergeFieldsInBody`);
        assert.equal(nc.generateAuthorizationHeader, true, `${name}: generateAuthorizationHeader`);
        assert.equal(nc.namedCredentialType, 'SecuredEndpoint', `${name}: not a legacy credential`);
        const params = arr(nc.namedCredentialParameters);
        const url = params.find((p) => p.parameterType === 'Url');
        assert.match(url?.parameterValue ?? '', /^https:\/\/[a-z0-9.-]+$/, `${name}: https host without path`);
        const auth = params.find((p) => p.parameterType === 'Authentication');
        assert.ok(externalCredentials.has(auth?.externalCredential), `${name}: its external credential exists`);
        assert.equal(params.filter((p) => p.parameterType === 'HttpHeader').length, 0, `${name}: no formula headers`);
    }
    assert.equal(
        arr(namedCredentials.get('CoSellPartnerCenter').namedCredentialParameters).find(
            (p) => p.parameterType === 'Url'
        ).parameterValue,
        'https://api.partner.microsoft.com'
    );
    assert.equal(
        arr(namedCredentials.get('CoSellPartnerCenterWebhooks').namedCredentialParameters).find(
            (p) => p.parameterType === 'Url'
        ).parameterValue,
        'https://api.partnercenter.microsoft.com'
    );
});

test('C12: only CoSellIntegration grants the Partner Center principals, and they exist', () => {
    const declared = new Set();
    for (const [name, ec] of externalCredentials) {
        for (const p of arr(ec.externalCredentialParameters)) {
            if (p.parameterType === 'NamedPrincipal' || p.parameterType === 'PerUserPrincipal') {
                declared.add(`${name}-${p.parameterName}`);
            }
        }
    }
    for (const name of ALL_PERMISSION_SETS) {
        const granted = arr(permissionSet(name).externalCredentialPrincipalAccesses)
            .filter((p) => p.enabled === true)
            .map((p) => p.externalCredentialPrincipal);
        for (const principal of granted) assert.ok(declared.has(principal), `${name}: ${principal} is declared`);
        const partnerCenter = granted.filter((p) => PARTNER_CENTER_PRINCIPALS.includes(p)).sort();
        if (name === 'CoSellIntegration') {
            assert.deepEqual(partnerCenter, [...PARTNER_CENTER_PRINCIPALS].sort(), 'integration holds both principals');
        } else {
            assert.deepEqual(partnerCenter, [], `${name} must not hold a Partner Center principal`);
        }
    }
    for (const [name, ec] of externalCredentials) {
        if (name === 'CoSellCertificateHost') continue;
        assert.equal(ec.authenticationProtocol, 'Oauth', `${name}: OAuth`);
        const provider = arr(ec.externalCredentialParameters).find((p) => p.parameterType === 'AuthProvider');
        assert.ok(authProviders.has(provider?.authProvider), `${name}: uses the packaged auth provider`);
        const principals = arr(ec.externalCredentialParameters).filter((p) => p.parameterType === 'NamedPrincipal');
        assert.equal(principals.length, 1, `${name}: one named principal (App + User, signed in once)`);
    }
});

test('C17: log, queue and audit objects are private and reachable only through admin-side permission sets', () => {
    const objects = readMetadata('objects', '.object-meta.xml', 'CustomObject');
    for (const name of PRIVATE_OBJECTS) {
        assert.equal(objects.get(name)?.sharingModel, 'Private', `${name}: OWD Private`);
        assert.equal(objects.get(name)?.externalSharingModel, 'Private', `${name}: external OWD Private`);
    }
    const allowed = {
        CoSellAdmin: PRIVATE_OBJECTS,
        CoSellIntegration: PRIVATE_OBJECTS,
        CoSellAuditViewer: ['CoSellSyncLog__c']
    };
    for (const name of ALL_PERMISSION_SETS) {
        const ps = permissionSet(name);
        const objectGrants = arr(ps.objectPermissions)
            .filter((o) => PRIVATE_OBJECTS.includes(o.object))
            .filter((o) => o.allowRead || o.allowCreate || o.allowEdit || o.allowDelete)
            .map((o) => o.object);
        const fieldGrants = arr(ps.fieldPermissions)
            .filter((f) => PRIVATE_OBJECTS.includes(f.field.split('.')[0]))
            .filter((f) => f.readable || f.editable)
            .map((f) => f.field.split('.')[0]);
        for (const object of [...objectGrants, ...fieldGrants]) {
            assert.ok((allowed[name] ?? []).includes(object), `${name} must not grant access to ${object}`);
        }
    }
    // The audit trail is read-only for people: nobody but the integration user creates or edits log rows.
    for (const name of ['CoSellAdmin', 'CoSellAuditViewer']) {
        const log = arr(permissionSet(name).objectPermissions).find((o) => o.object === 'CoSellSyncLog__c');
        assert.deepEqual(
            [log.allowRead, log.allowCreate, log.allowEdit, log.allowDelete, log.viewAllRecords, log.modifyAllRecords],
            [true, false, false, false, true, false],
            `${name}: read-only, view all`
        );
        for (const f of arr(permissionSet(name).fieldPermissions).filter((x) =>
            x.field.startsWith('CoSellSyncLog__c.')
        )) {
            assert.equal(f.editable, false, `${name}: ${f.field} read-only`);
        }
    }
});

test('sellers see the referral fields read-only and never the technical ones', () => {
    const seller = permissionSet('CoSellSeller');
    const grants = new Map(arr(seller.fieldPermissions).map((f) => [f.field, f]));
    for (const hidden of ['CoSellETag__c', 'CoSellSyncHash__c', 'CoSellWatermark__c']) {
        const grant = grants.get(`Opportunity.${hidden}`);
        assert.ok(!grant || (!grant.readable && !grant.editable), `seller must not see ${hidden}`);
    }
    const editable = [...grants.values()]
        .filter((f) => f.field.startsWith('Opportunity.') && f.editable)
        .map((f) => f.field)
        .sort();
    assert.deepEqual(editable, [
        'Opportunity.CoSellCustomerCountryCode__c',
        'Opportunity.CoSellHelpNeeded__c',
        'Opportunity.CoSellStatusReason__c',
        'Opportunity.CoSellSyncEnabled__c'
    ]);
    for (const readOnly of [
        'CoSellReferralId__c',
        'CoSellReferralLink__c',
        'CoSellSyncStatus__c',
        'CoSellLastError__c'
    ]) {
        assert.equal(grants.get(`Opportunity.${readOnly}`)?.readable, true, `${readOnly} readable`);
        assert.equal(grants.get(`Opportunity.${readOnly}`)?.editable, false, `${readOnly} read-only`);
    }
    assert.equal(arr(seller.customPermissions).length, 0, 'sellers get no custom permission');
});

test('custom permissions: Manage setup only for admins; Bypass sync granted by no shipped permission set', () => {
    for (const name of ALL_PERMISSION_SETS) {
        const granted = arr(permissionSet(name).customPermissions)
            .filter((p) => p.enabled)
            .map((p) => p.name);
        assert.ok(!granted.includes('CoSellBypassSync'), `${name} must not grant the bypass`);
        assert.deepEqual(granted.includes('CoSellManageSetup'), name === 'CoSellAdmin', `${name}: Manage setup`);
    }
});

// Standard fields whose field-level security a permission set may grant: the non-required ones the default mapping
// writes (Name, CloseDate and StageName are required, so always accessible, and cannot appear in a permission set).
const STANDARD_FIELDS_WITH_FLS = new Set(['Opportunity.Amount', 'Opportunity.Description']);

test('every field permission points at an existing, non-required custom field or an allowed standard field', () => {
    const fields = customFields();
    for (const name of ALL_PERMISSION_SETS) {
        for (const f of arr(permissionSet(name).fieldPermissions)) {
            if (STANDARD_FIELDS_WITH_FLS.has(f.field)) {
                assert.equal(name, 'CoSellIntegration', `${name}: only the integration user needs ${f.field} from us`);
                continue;
            }
            const field = fields.get(f.field);
            assert.ok(field, `${name}: ${f.field} exists`);
            assert.notEqual(field.required, true, `${name}: ${f.field} is required, FLS cannot be set`);
            assert.notEqual(field.type, 'MasterDetail', `${name}: ${f.field} is master-detail`);
            if (f.editable) assert.equal(f.readable, true, `${name}: ${f.field} editable implies readable`);
        }
    }
});

test('the auth provider never returns its consumer secret through the API', () => {
    for (const [name, ap] of authProviders) {
        assert.equal(ap.sendSecretInApis, false, `${name}: sendSecretInApis must be false`);
        assert.equal(ap.providerType, 'OpenIdConnect', `${name}: Entra ID through OpenID Connect`);
        assert.match(String(ap.defaultScopes), /offline_access/, `${name}: refresh tokens need offline_access`);
    }
});

// ---- C2, C3, C4, C10 and selectors: source scans over the package's Apex (force-app/main) ----

function mainApexClasses() {
    const out = [];
    const walk = (dir) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const path = join(dir, entry.name);
            if (entry.isDirectory()) walk(path);
            else if (entry.name.endsWith('.cls'))
                out.push({ name: entry.name.replace('.cls', ''), path, source: readFileSync(path, 'utf8') });
        }
    };
    walk(join(ROOT, 'force-app', 'main'));
    return out;
}

/** Apex without comments and string literals, so a scan is not fooled by documentation. */
function codeOnly(source) {
    // One pass, so that `//` inside a string or a quote inside a comment cannot derail the scan.
    return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'/g, (token) =>
        token.startsWith("'") ? "''" : ''
    );
}

/** `codeOnly`, but comments keep their line breaks, so line numbers still match the source. */
function codeOnlyKeepingLines(source) {
    return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'/g, (token) =>
        token.startsWith("'") ? "''" : token.replace(/[^\n]/g, '')
    );
}

// C2: the private inner without-sharing classes that give a with-sharing user path the one elevation it needs (system
// mode keeps record sharing in with-sharing code), and why. A new one must be added here with its reason.
const INNER_WITHOUT_SHARING_ALLOWED = {
    'CoSellSyncLogSelector.Timeline':
        "the card's timeline: Private log rows written by the log subscriber, read after a user-mode access check",
    'CoSellSyncActionService.QueueRows':
        "the seller's retry, Keep ours / Take theirs and re-queued actions: Private queue rows of the Opportunity " +
        'queued by whoever edited it, after requireEdit'
};

test('C2: every class declares its sharing, and each without-sharing class says why right below', () => {
    const classes = mainApexClasses();
    assert.ok(classes.length > 30, 'package classes found');
    const inner = new Set();
    for (const c of classes) {
        const code = codeOnly(c.source);
        const declaration = code.match(
            /\b(?:public|global)\s+(?:(?:virtual|abstract)\s+)?(with|without|inherited)\s+sharing\s+class\s+(\w+)/i
        );
        assert.ok(declaration, `${c.name} declares with/without/inherited sharing`);
        // Every without-sharing class, top-level or inner; an inner one is private, so that the elevation it gives
        // stays the minimal context its outer class needs.
        const lines = c.source.split('\n');
        const codeLines = codeOnlyKeepingLines(c.source).split('\n');
        codeLines.forEach((line, at) => {
            const found = line.match(/\b(\w+\s+)?without\s+sharing\s+class\s+(\w+)/i);
            if (!found) return;
            const name = found[2];
            if (name !== c.name) {
                inner.add(`${c.name}.${name}`);
                assert.ok(
                    INNER_WITHOUT_SHARING_ALLOWED[`${c.name}.${name}`],
                    `${c.name}.${name} is not on the C2 list of inner without-sharing classes`
                );
                assert.equal(
                    found[1]?.trim().toLowerCase(),
                    'private',
                    `${c.name}.${name}: an inner without-sharing class is private`
                );
            }
            assert.match(
                lines.slice(at + 1, at + 3).join('\n'),
                /\/\/\s*without sharing:\s*\S/,
                `${c.name}${name === c.name ? '' : '.' + name}: a "// without sharing: <reason>" comment follows the declaration`
            );
        });
    }
    assert.deepEqual([...inner].sort(), Object.keys(INNER_WITHOUT_SHARING_ALLOWED).sort(), 'no stale C2 entries');
});

// C4: where system mode is used, and why. A new use must be added here with its reason, which is the review.
const SYSTEM_MODE_ALLOWED = {
    CoSellFieldMappingSelector: 'package custom metadata',
    CoSellInboundService: 'integration user applying Partner Center changes to linked Opportunities',
    CoSellInboxSelector: 'package-owned inbox',
    CoSellLogEventTriggerHandler: 'package-owned audit rows',
    CoSellMigrationService: 'package-owned state and log rows of the admin-run migration',
    CoSellOpportunitySelector:
        'integration reads for the sync jobs and the scheduled expiry reminders; callers choose the access level where they differ',
    CoSellOrgSelector:
        'org setup the checklist, alerts and scheduler inspect (Site, SiteDetail, permission set assignments, CronTrigger, notification type)',
    CoSellOutboundService: 'dispatcher as the integration user',
    CoSellOutboxSelector: 'package-owned outbox',
    CoSellOutboxService: 'package-owned outbox',
    CoSellSetupService: 'package-owned queue rows (resuming after a good connection test, replaying a dead letter)',
    CoSellSolutionTriggerHandler: 'solutions of shared Opportunities for the outbound solution list',
    CoSellSyncActionService:
        'package-owned queue rows (without sharing: they belong to whoever queued them) and sync bookkeeping fields, ' +
        'after a user-mode access check',
    CoSellSyncFinalizer: 'package-owned queue rows after a job failed',
    CoSellSyncLogSelector:
        "package-owned audit rows: the card's timeline after a user-mode access check (without sharing: the log " +
        "subscriber owns the rows), the migration's re-import guard (admins, who view all log rows)",
    CoSellSyncStateSelector: 'package-owned sync state',
    CoSellTrustedCertificateSelector: 'package custom metadata read by the guest webhook',
    CoSellWebhookEventTriggerHandler: 'package-owned receipt and inbox rows'
};
const PACKAGE_OWNED = /^(CoSell\w+__(c|mdt))$/;
const USER_FACING_SYSTEM_QUERIES = new Set(['Site', 'SiteDetail', 'PermissionSetAssignment']);

test('C4: system mode only in allow-listed classes; user-facing classes query only package-owned objects in system mode', () => {
    const used = new Set();
    for (const c of mainApexClasses()) {
        const code = codeOnly(c.source);
        if (!/SYSTEM_MODE|\bas\s+system\b/i.test(code)) continue;
        used.add(c.name);
        assert.ok(SYSTEM_MODE_ALLOWED[c.name], `${c.name} uses system mode but is not on the C4 allow-list`);
        if (/\bwith\s+sharing\s+class/i.test(code)) {
            for (const query of code.matchAll(/\[\s*SELECT[\s\S]*?\]/gi)) {
                if (!/SYSTEM_MODE/i.test(query[0])) continue;
                const from = query[0].match(/\bFROM\s+(\w+)/i)[1];
                assert.ok(
                    PACKAGE_OWNED.test(from) || USER_FACING_SYSTEM_QUERIES.has(from),
                    `${c.name} (user-facing) reads ${from} in system mode`
                );
            }
        }
    }
    for (const name of Object.keys(SYSTEM_MODE_ALLOWED)) {
        assert.ok(used.has(name), `${name} no longer uses system mode: remove it from the allow-list`);
    }
});

test('C3: user-facing entry points (controllers, invocable actions) never run queries or DML in system mode themselves', () => {
    // The elevated reads and writes on user paths (the card's timeline, the seller's queue rows) live in
    // CoSellSyncLogSelector and CoSellSyncActionService (C2 and C4 lists), never in a controller.
    for (const c of mainApexClasses().filter((k) => /Controller$|InvocableActions$/.test(k.name))) {
        const code = codeOnly(c.source);
        assert.match(code, /\bwith\s+sharing\s+class/i, `${c.name} is with sharing`);
        const systemUses = [...code.matchAll(/SYSTEM_MODE|\bas\s+system\b/gi)].length;
        assert.equal(systemUses, 0, `${c.name}: ${systemUses} system-mode uses`);
    }
});

// House style C6: selectors own every SOQL and CMDT read. A class outside a `*Selector` that reads data must be
// listed here with its reason, which is the review.
const DATA_READS_OUTSIDE_SELECTORS = {
    CoSellMigrationService:
        "dynamic queries over Microsoft's connector fields and an admin-named solutions object, whose names are " +
        'validated against describe where they are concatenated (see the comment above queryLocator)'
};
const DATA_READS = [
    ['static SOQL', /\[\s*SELECT\b/gi],
    ['dynamic SOQL', /\bDatabase\s*\.\s*(?:query\w*|countQuery\w*|getQueryLocator\w*|get\w*Cursor\w*)\s*\(/gi],
    ['SOSL', /\[\s*FIND\b|\bSearch\s*\.\s*(?:query|find|suggest)\s*\(/gi],
    [
        'custom metadata or setting read',
        /\b\w+__(?:mdt|c)\s*\.\s*(?:getAll|getInstance|getOrgDefaults|getValues)\s*\(/gi
    ]
];

/** The kinds of data read in Apex source, comments and string literals ignored. */
function dataReads(source) {
    const code = codeOnly(source);
    return DATA_READS.filter(([, pattern]) => [...code.matchAll(pattern)].length > 0).map(([kind]) => kind);
}

test('selectors own SOQL: the data-read scan sees every form and ignores comments and strings', () => {
    assert.deepEqual(dataReads('Integer n = [ SELECT COUNT() FROM CronTrigger WITH SYSTEM_MODE ];'), ['static SOQL']);
    for (const call of [
        'Database.query(q)',
        'Database.countQuery(q)',
        'Database.queryWithBinds(q, b, AccessLevel.USER_MODE)',
        'Database.countQueryWithBinds(q, b, m)',
        'Database.getQueryLocator(q)',
        'Database .getQueryLocatorWithBinds(q, b, m)',
        'Database.getCursor(q)'
    ]) {
        assert.deepEqual(dataReads(`Object r = ${call};`), ['dynamic SOQL'], call);
    }
    assert.deepEqual(dataReads("List<List<SObject>> r = [FIND 'x' IN ALL FIELDS];"), ['SOSL']);
    assert.deepEqual(dataReads('Map<String, CoSellFieldMapping__mdt> m = CoSellFieldMapping__mdt.getAll();'), [
        'custom metadata or setting read'
    ]);
    assert.deepEqual(
        dataReads("// [SELECT Id FROM Account]\n/* Database.query(q) */\nString q = 'SELECT Id FROM Account';"),
        [],
        'comments and strings are not reads'
    );
});

test('selectors own SOQL: no class outside a *Selector reads data, except the listed ones with their reason', () => {
    const offenders = [];
    const excepted = new Set();
    for (const c of mainApexClasses()) {
        const kinds = dataReads(c.source);
        if (c.name.endsWith('Selector')) {
            assert.match(
                codeOnly(c.source),
                /\binherited\s+sharing\s+class\b/i,
                `${c.name}: a selector is inherited sharing, so its queries keep their caller's sharing`
            );
            continue;
        }
        if (kinds.length === 0) continue;
        if (DATA_READS_OUTSIDE_SELECTORS[c.name]) excepted.add(c.name);
        else offenders.push(`${c.name} (${kinds.join(', ')})`);
    }
    assert.deepEqual(offenders, [], 'move these reads into the selector that owns the object');
    for (const name of Object.keys(DATA_READS_OUTSIDE_SELECTORS)) {
        assert.ok(excepted.has(name), `${name} no longer reads data itself: remove it from the exception list`);
    }
});

test('C10: every callout endpoint is a callout: named credential (no literal http endpoints, no Remote Site Settings)', () => {
    for (const c of mainApexClasses()) {
        const raw = c.source;
        assert.doesNotMatch(raw, /setEndpoint\(\s*'https?:/i, `${c.name} sets a literal http(s) endpoint`);
        for (const literal of raw.matchAll(/'(https?:\/\/[^']*)'/gi)) {
            // Literal URLs may only be compared against (allow-lists, link building), never called.
            assert.doesNotMatch(
                codeOnly(raw),
                new RegExp(`setEndpoint\\([^)]*${literal[1].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`),
                c.name
            );
        }
    }
    const endpoints = mainApexClasses().flatMap((c) =>
        [...c.source.matchAll(/(?:String\s+\w+\s*=\s*|static final String\s+\w+\s*=\s*)'(callout:[^']*)'/g)].map(
            (m) => m[1]
        )
    );
    assert.ok(endpoints.length >= 1, 'named-credential endpoints are declared');
    const remoteSites = join(ROOT, 'force-app', 'main');
    const found = [];
    const walk = (dir) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const path = join(dir, entry.name);
            if (entry.isDirectory()) walk(path);
            else if (entry.name.endsWith('.remoteSite-meta.xml')) found.push(path);
        }
    };
    walk(remoteSites);
    assert.deepEqual(found, [], 'no Remote Site Settings: the certificate host has its own named credential');
});

test('the integration user may write every Opportunity field the default mapping writes inbound', () => {
    const granted = new Set(
        arr(permissionSet('CoSellIntegration').fieldPermissions)
            .filter((f) => f.editable === true || f.editable === 'true')
            .map((f) => f.field)
    );
    const required = new Set(['Opportunity.Name', 'Opportunity.CloseDate', 'Opportunity.StageName']);
    const mappings = [...readMetadata('customMetadata', '.md-meta.xml', 'CustomMetadata')].filter(([name]) =>
        name.startsWith('CoSellFieldMapping.')
    );
    let inbound = 0;
    for (const [name, record] of mappings) {
        const v = Object.fromEntries(arr(record.values).map((x) => [x.field, x.value === '' ? null : x.value]));
        if (!v.SalesforceField__c || v.Direction__c === 'Outbound') continue;
        inbound++;
        if (required.has(v.SalesforceField__c)) continue;
        assert.ok(granted.has(v.SalesforceField__c), `${name}: CoSellIntegration can edit ${v.SalesforceField__c}`);
    }
    assert.ok(inbound >= 3, 'inbound mappings found');
});
