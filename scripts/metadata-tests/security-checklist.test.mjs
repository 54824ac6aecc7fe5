// Metadata assertions for the security checklist (salesforce-platform.md §9): C1 (no secrets in credentials),
// C5 (guest grants), C11 (named credential flags), C12 (principal access only through CoSellIntegration) and
// C17 (log, queue and audit objects private and reachable only through the admin-side permission sets).
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

test('every field permission points at an existing, non-required custom field', () => {
    const fields = customFields();
    for (const name of ALL_PERMISSION_SETS) {
        for (const f of arr(permissionSet(name).fieldPermissions)) {
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
