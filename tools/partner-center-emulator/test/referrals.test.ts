import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Emulator } from '../src/emulator.ts';
import { call, coSellBody, REFERRALS, start } from './helpers.ts';

const TIMESTAMP_7 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let pc: Emulator;

before(async () => {
    pc = await start({ webhookDelivery: false });
});
after(async () => {
    await pc.close();
});
beforeEach(() => {
    pc.admin.reset();
    pc.admin.setConfig({ webhookDelivery: false });
});

describe('authorization', () => {
    it('requires a bearer token', async () => {
        const none = await call(pc, 'GET', REFERRALS, { token: null });
        assert.equal(none.status, 401);
        assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
        const basic = await call(pc, 'GET', REFERRALS, { headers: { Authorization: 'Basic abc' } });
        assert.equal(basic.status, 401);
        const webhooks = await call(pc, 'GET', '/webhooks/v1/registration', { token: null });
        assert.equal(webhooks.status, 401);
        assert.equal((await call(pc, 'GET', REFERRALS)).status, 200);
    });

    it('answers 401 in expired-token mode until reset', async () => {
        pc.admin.expireToken();
        const expired = await call(pc, 'GET', REFERRALS);
        assert.equal(expired.status, 401);
        assert.match(expired.headers.get('www-authenticate') ?? '', /invalid_token/);
        assert.equal((await call(pc, 'GET', REFERRALS)).status, 401);
        pc.admin.resetToken();
        assert.equal((await call(pc, 'GET', REFERRALS)).status, 200);
    });
});

describe('create', () => {
    it('creates an outgoing Active/Accepted referral with server-assigned fields and echoes unknown fields', async () => {
        const response = await call(pc, 'POST', REFERRALS, {
            body: coSellBody({ futureField: { nested: [1, 2] }, id: 'client-id-ignored', direction: 'Incoming' })
        });
        assert.equal(response.status, 201);
        const referral = response.json;
        assert.match(referral.id, GUID);
        assert.notEqual(referral.id, 'client-id-ignored');
        assert.match(referral.engagementId, GUID);
        assert.match(referral.eTag, /^"[0-9a-f]{8}-0000-0100-0000-[0-9a-f]{8}0000"$/);
        assert.match(referral.createdDateTime, TIMESTAMP_7);
        assert.equal(referral.updatedDateTime, referral.createdDateTime);
        assert.equal(referral.direction, 'Outgoing');
        assert.equal(referral.status, 'Active');
        assert.equal(referral.substatus, 'Accepted');
        assert.equal(referral.acceptedDateTime, referral.createdDateTime);
        assert.deepEqual(referral.futureField, { nested: [1, 2] });
        assert.equal(referral.details.dealValue, 120000);
        assert.equal(
            referral.links.self.uri,
            `https://api.partner.microsoft.com/v1.0/engagements/referrals/${referral.id}`
        );
        assert.equal(referral.organizationId, pc.config.partner.organizationId);

        const fetched = await call(pc, 'GET', `${REFERRALS}/${referral.id}`);
        assert.equal(fetched.status, 200);
        assert.deepEqual(fetched.json, referral);
    });

    it('answers 200 instead of 201 when configured, and the ETag header on request', async () => {
        pc.admin.setConfig({ createStatus: 200, etagHeader: true });
        const response = await call(pc, 'POST', REFERRALS, { body: coSellBody() });
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('etag'), response.json.eTag);
    });

    it('accepts the documented string deal value and stores a number', async () => {
        const body = coSellBody();
        (body.details as Record<string, unknown>).dealValue = '10000';
        const response = await call(pc, 'POST', REFERRALS, { body });
        assert.equal(response.status, 201);
        assert.equal(response.json.details.dealValue, 10000);
    });

    const invalid: [string, (body: Record<string, unknown>) => void, string][] = [
        ['missing name', (b) => delete b.name, 'name'],
        ['missing type', (b) => delete b.type, 'type'],
        ['unknown type', (b) => (b.type = 'Secret'), 'type'],
        ['missing customerProfile', (b) => delete b.customerProfile, 'customerProfile'],
        ['missing consent', (b) => delete b.consent, 'consent'],
        ['missing details', (b) => delete b.details, 'details'],
        [
            'country name instead of ISO-2',
            (b) => ((b.customerProfile as any).address.country = 'United States'),
            'customerProfile.address.country'
        ],
        [
            'unassigned country code',
            (b) => ((b.customerProfile as any).address.country = 'XX'),
            'customerProfile.address.country'
        ],
        [
            'lower-case country',
            (b) => ((b.customerProfile as any).address.country = 'us'),
            'customerProfile.address.country'
        ],
        ['missing country', (b) => delete (b.customerProfile as any).address, 'customerProfile.address.country'],
        [
            'no solution when shared with Microsoft',
            (b) => ((b.details as any).requirements.solutions = []),
            'details.requirements.solutions'
        ],
        [
            'no solution on a Shared referral',
            (b) => {
                b.type = 'Shared';
                (b.consent as any).consentToShareReferralWithMicrosoftSellers = false;
                delete (b.details as any).requirements;
            },
            'details.requirements.solutions'
        ],
        [
            'help requested without a customer contact',
            (b) => ((b.customerProfile as any).team = []),
            'customerProfile.team'
        ],
        ['deal value 0', (b) => ((b.details as any).dealValue = 0), 'details.dealValue'],
        ['deal value missing', (b) => delete (b.details as any).dealValue, 'details.dealValue'],
        [
            'unknown assistance code',
            (b) => ((b.inviteContext as any).assistanceRequestCode = 'PleaseHelp'),
            'inviteContext.assistanceRequestCode'
        ],
        ['bad currency', (b) => ((b.details as any).currency = 'dollars'), 'details.currency']
    ];
    for (const [label, mutate, field] of invalid) {
        it(`rejects ${label} with a Partner Center-shaped 400`, async () => {
            const body = coSellBody();
            mutate(body);
            const response = await call(pc, 'POST', REFERRALS, { body });
            assert.equal(response.status, 400, response.text);
            assert.equal(response.json.code, '400');
            assert.equal(response.json.source, 'PartnerReferrals');
            assert.equal(typeof response.json.description, 'string');
            assert.ok(
                response.json.data.some((detail: { field: string }) => detail.field === field),
                `expected a problem on ${field}: ${response.text}`
            );
        });
    }

    it('accepts a Private deal without solution or customer contact', async () => {
        const body = coSellBody({ inviteContext: undefined });
        (body.consent as any).consentToShareReferralWithMicrosoftSellers = false;
        (body.details as any).requirements = { solutions: [] };
        (body.customerProfile as any).team = [];
        delete body.inviteContext;
        const response = await call(pc, 'POST', REFERRALS, { body });
        assert.equal(response.status, 201, response.text);
    });

    it('binds PascalCase members to the camelCase model and keeps unknown members as sent', async () => {
        const camel = coSellBody();
        const pascal: Record<string, unknown> = {
            Name: camel.name,
            Type: camel.type,
            CustomerProfile: camel.customerProfile,
            Consent: camel.consent,
            Details: { ...(camel.details as object), DealValue: 5000 },
            InviteContext: camel.inviteContext,
            CustomThing: 1
        };
        delete (pascal.Details as Record<string, unknown>).dealValue;
        const response = await call(pc, 'POST', REFERRALS, { body: pascal });
        assert.equal(response.status, 201, response.text);
        assert.equal(response.json.name, camel.name);
        assert.equal(response.json.details.dealValue, 5000);
        assert.equal(response.json.customerProfile.address.country, 'US');
        assert.equal('Name' in response.json, false);
        assert.equal(response.json.CustomThing, 1);
    });

    it('lists every problem at once and can use the OData error shape', async () => {
        pc.admin.setConfig({ errorShape: 'odata' });
        const response = await call(pc, 'POST', REFERRALS, { body: { name: '' } });
        assert.equal(response.status, 400);
        assert.equal(response.json.error.code, 'badRequest');
        const targets = response.json.error.details.map((detail: { target: string }) => detail.target);
        for (const field of ['name', 'type', 'customerProfile', 'consent', 'details']) {
            assert.ok(targets.includes(field), field);
        }
    });

    it('rejects bodies that are not JSON objects, and non-JSON content types', async () => {
        assert.equal(
            (
                await call(pc, 'POST', REFERRALS, {
                    rawBody: '{not json',
                    headers: { 'Content-Type': 'application/json' }
                })
            ).status,
            400
        );
        assert.equal((await call(pc, 'POST', REFERRALS, { body: [1, 2] })).status, 400);
        assert.equal(
            (await call(pc, 'POST', REFERRALS, { rawBody: 'name=x', headers: { 'Content-Type': 'text/plain' } }))
                .status,
            415
        );
    });

    it('treats a repeated MS-RequestId as a retry only when configured', async () => {
        const headers = { 'MS-RequestId': 'a7b5d1f0-0000-4000-8000-000000000001' };
        await call(pc, 'POST', REFERRALS, { body: coSellBody(), headers });
        await call(pc, 'POST', REFERRALS, { body: coSellBody(), headers });
        assert.equal(pc.admin.listReferrals().length, 2, 'default: no idempotency (unconfirmed for this host)');
        pc.admin.reset();
        pc.admin.setConfig({ idempotentRequestIds: true, webhookDelivery: false });
        const first = await call(pc, 'POST', REFERRALS, { body: coSellBody(), headers });
        const second = await call(pc, 'POST', REFERRALS, { body: coSellBody(), headers });
        assert.equal(first.status, 201);
        assert.equal(second.status, 200);
        assert.equal(second.json.id, first.json.id);
        assert.equal(pc.admin.listReferrals().length, 1);
    });
});

describe('connected referral for Microsoft (spec §2.5)', () => {
    const msftTarget = [{ type: 'BusinessProfileLocation', id: 'msft' }];

    /** Our Shared referral (step 1), as the package sends it with the two-step setting on. */
    async function ourSharedReferral(): Promise<Record<string, any>> {
        const response = await call(pc, 'POST', REFERRALS, {
            body: coSellBody({ type: 'Shared', target: [{ type: 'SolutionProfile', id: 'SOL-15974-MQF' }] })
        });
        assert.equal(response.status, 201);
        return response.json;
    }

    it('stores the connected POST as Microsoft\'s side of the same engagement', async () => {
        const ours = await ourSharedReferral();
        const response = await call(pc, 'POST', REFERRALS, {
            body: {
                ...coSellBody({ type: 'Shared', target: msftTarget }),
                externalReferenceId: undefined,
                engagementId: ours.engagementId
            }
        });

        assert.equal(response.status, 201);
        const microsoft = response.json;
        assert.match(microsoft.id, GUID);
        assert.notEqual(microsoft.id, ours.id, 'a second referral');
        assert.equal(microsoft.engagementId, ours.engagementId, 'linked to our engagement');
        assert.equal(microsoft.organizationId, 'msft', 'owned by Microsoft');
        assert.equal(microsoft.organizationName, 'Microsoft');
        assert.deepEqual(microsoft.target, msftTarget);
        assert.equal(microsoft.status, 'New', 'waits for a Microsoft seller');
        assert.equal(microsoft.substatus, 'Pending');
        assert.equal(microsoft.expirationDateTime, null, 'Microsoft\'s side does not expire like an incoming referral');
        assert.equal(microsoft.inviteContext.invitedBy.organizationId, pc.config.partner.organizationId, 'we invited Microsoft');
        assert.equal(
            microsoft.links.relatedReferrals.uri,
            ours.links.relatedReferrals.uri,
            'both referrals point at the same engagement'
        );
        assert.deepEqual((await call(pc, 'GET', `${REFERRALS}/${microsoft.id}`)).json, microsoft, 'GET by id');
        assert.equal(
            (await call(pc, 'GET', `${REFERRALS}/${ours.id}`)).json.eTag,
            ours.eTag,
            'our referral is untouched (its eTag stays valid for our next PATCH)'
        );

        const related = await call(
            pc,
            'GET',
            `${REFERRALS}?$filter=${encodeURIComponent(`engagementId eq '${ours.engagementId}'`)}`
        );
        assert.deepEqual(
            related.json.value.map((r: { id: string }) => r.id).sort(),
            [ours.id, microsoft.id].sort(),
            'the related-referrals query lists both sides'
        );
        const partnerList = await call(pc, 'GET', REFERRALS);
        assert.deepEqual(
            partnerList.json.value.map((r: { id: string }) => r.id),
            [ours.id],
            'the partner\'s own list (what a poll reads) leaves Microsoft\'s referral out'
        );
    });

    it('refuses an engagementId that names no existing engagement', async () => {
        const response = await call(pc, 'POST', REFERRALS, {
            body: coSellBody({ type: 'Shared', engagementId: '0b7c3f1e-0000-4000-8000-000000000000', target: msftTarget })
        });
        assert.equal(response.status, 400);
        assert.equal(response.json.data[0].field, 'engagementId');
        assert.equal(pc.admin.listReferrals().length, 0, 'nothing stored');
    });

    it('validates the connected referral like any create', async () => {
        const ours = await ourSharedReferral();
        const response = await call(pc, 'POST', REFERRALS, {
            body: coSellBody({
                type: 'Shared',
                engagementId: ours.engagementId,
                target: msftTarget,
                details: { dealValue: 0, currency: 'USD' }
            })
        });
        assert.equal(response.status, 400);
        assert.ok(
            response.json.data.some((d: { field: string }) => d.field === 'details.requirements.solutions'),
            'a referral shared with Microsoft needs a solution'
        );
    });
});

describe('get', () => {
    it('answers 404 for an unknown id and echoes MS-CorrelationId', async () => {
        const response = await call(pc, 'GET', `${REFERRALS}/00000000-0000-0000-0000-000000000000`, {
            headers: { 'MS-CorrelationId': 'corr-1', 'MS-RequestId': 'req-1' }
        });
        assert.equal(response.status, 404);
        assert.equal(response.headers.get('ms-correlationid'), 'corr-1');
        assert.equal(response.headers.get('ms-requestid'), 'req-1');
        assert.equal((await call(pc, 'DELETE', `${REFERRALS}/abc`)).status, 405);
        assert.equal((await call(pc, 'GET', `${REFERRALS}/abc/def`)).status, 404);
    });
});

describe('PATCH', () => {
    async function createOne(): Promise<any> {
        return (await call(pc, 'POST', REFERRALS, { body: coSellBody() })).json;
    }

    it('applies replace and add, answers 204 without Prefer and changes eTag and updatedDateTime', async () => {
        const created = await createOne();
        const response = await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, {
            body: [
                { op: 'replace', path: '/name', value: 'Renamed' },
                { op: 'replace', path: '/details/dealValue', value: 130000 },
                {
                    op: 'add',
                    path: '/team/-',
                    value: { firstName: 'Jane', lastName: 'Doe', email: 'jane@contoso.example' }
                },
                { op: 'add', path: '/tags', value: ['priority'] },
                { op: 'replace', path: '/StatusReason', value: 'Pascal-cased path lands on statusReason' }
            ]
        });
        assert.equal(response.status, 204);
        assert.equal(response.text, '');
        const stored = pc.admin.getReferral(created.id);
        assert.equal(stored.name, 'Renamed');
        assert.equal((stored.details as any).dealValue, 130000);
        assert.equal((stored.team as any[]).length, 2);
        assert.deepEqual(stored.tags, ['priority']);
        assert.equal(stored.statusReason, 'Pascal-cased path lands on statusReason');
        assert.equal('StatusReason' in stored, false);
        assert.notEqual(stored.eTag, created.eTag);
        assert.ok(String(stored.updatedDateTime) > created.updatedDateTime);
    });

    it('returns 200 with the referral for Prefer: return=representation', async () => {
        const created = await createOne();
        const response = await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, {
            body: [{ op: 'replace', path: '/details/notes', value: 'new notes' }],
            headers: { Prefer: 'return=representation', 'If-Match': created.eTag }
        });
        assert.equal(response.status, 200);
        assert.equal(response.json.details.notes, 'new notes');
        assert.notEqual(response.json.eTag, created.eTag);
    });

    it('answers 412 with the preconditionFailed body for a stale If-Match, and accepts *', async () => {
        const created = await createOne();
        await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, {
            body: [{ op: 'replace', path: '/name', value: 'v2' }]
        });
        const stale = await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, {
            body: [{ op: 'replace', path: '/name', value: 'v3' }],
            headers: { 'If-Match': created.eTag }
        });
        assert.equal(stale.status, 412);
        assert.deepEqual(stale.json, {
            code: '412',
            description: 'The If-Match eTag does not match the current version of the referral.',
            data: [],
            source: 'PartnerReferrals'
        });
        assert.equal(pc.admin.getReferral(created.id).name, 'v2');
        const unquoted = await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, {
            body: [{ op: 'replace', path: '/name', value: 'v3' }],
            headers: { 'If-Match': String(pc.admin.getReferral(created.id).eTag).replace(/"/g, '') }
        });
        assert.equal(unquoted.status, 412, 'the eTag must be sent back verbatim, quotes included');
        pc.admin.setConfig({ errorShape: 'odata' });
        const odata = await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, {
            body: [{ op: 'replace', path: '/name', value: 'v3' }],
            headers: { 'If-Match': created.eTag }
        });
        assert.deepEqual(odata.json, {
            error: { code: 'preconditionFailed', message: 'Etag value did not Match', details: [] }
        });
        const star = await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, {
            body: [{ op: 'replace', path: '/name', value: 'v4' }],
            headers: { 'If-Match': '*' }
        });
        assert.equal(star.status, 204);
    });

    it('rejects operations other than replace and add, read-only paths, and malformed patches', async () => {
        const created = await createOne();
        for (const op of ['remove', 'move', 'copy', 'test']) {
            const response = await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, {
                body: [{ op, path: '/name', value: 'x', from: '/name' }]
            });
            assert.equal(response.status, 400, op);
            assert.match(response.json.description, /only 'replace' and 'add'/);
        }
        for (const path of [
            '/id',
            '/eTag',
            '/createdDateTime',
            '/direction',
            '/engagementId',
            '/customerProfile/isMatchingComplete'
        ]) {
            const response = await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, {
                body: [{ op: 'replace', path, value: 'x' }]
            });
            assert.equal(response.status, 400, path);
            assert.match(response.json.description, /read-only/);
        }
        const bad = [
            { name: 'not an array' },
            [],
            [{ op: 'replace', path: 'name', value: 'x' }],
            [{ op: 'replace', path: '/name' }],
            [{ op: 'replace', path: '/team/5', value: {} }],
            [{ op: 'replace', path: '/nothing/here', value: 1 }]
        ];
        for (const body of bad) {
            const response = await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, { body });
            assert.equal(response.status, 400, JSON.stringify(body));
        }
        assert.equal(pc.admin.getReferral(created.id).eTag, created.eTag, 'failed patches change nothing');
        pc.admin.setConfig({ patchCreatesParents: true });
        const lenient = await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, {
            body: [{ op: 'replace', path: '/nothing/here', value: 1 }]
        });
        assert.equal(lenient.status, 204);
    });

    it('validates changed fields (deal value 0, country, removing solutions) but not untouched legacy data', async () => {
        const created = await createOne();
        const zero = await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, {
            body: [{ op: 'replace', path: '/details/dealValue', value: 0 }]
        });
        assert.equal(zero.status, 400);
        const country = await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, {
            body: [{ op: 'replace', path: '/customerProfile/address/country', value: 'USA' }]
        });
        assert.equal(country.status, 400);
        const solutions = await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, {
            body: [{ op: 'replace', path: '/details/requirements/solutions', value: [] }]
        });
        assert.equal(solutions.status, 400);
        const [legacy] = pc.admin.seedReferrals([
            {
                name: 'Legacy',
                status: 'Active',
                substatus: 'Accepted',
                customerProfile: { address: { country: 'Germany' } },
                details: { dealValue: 0 }
            }
        ]);
        const ok = await call(pc, 'PATCH', `${REFERRALS}/${legacy.id}`, {
            body: [{ op: 'replace', path: '/name', value: 'Legacy 2' }]
        });
        assert.equal(ok.status, 204);
    });

    it('answers 404 for an unknown id', async () => {
        const response = await call(pc, 'PATCH', `${REFERRALS}/nope`, {
            body: [{ op: 'replace', path: '/name', value: 'x' }]
        });
        assert.equal(response.status, 404);
    });
});

describe('state machine', () => {
    function patchStatus(id: string, status: string, substatus: string, extra: object[] = []): Promise<any> {
        return call(pc, 'PATCH', `${REFERRALS}/${id}`, {
            body: [
                { op: 'replace', path: '/status', value: status },
                { op: 'replace', path: '/substatus', value: substatus },
                ...extra
            ],
            headers: { Prefer: 'return=representation' }
        });
    }

    it('accepts an incoming referral: New/Pending → Active/Accepted, clearing the expiry', async () => {
        const incoming = pc.admin.createIncomingReferral();
        assert.equal(incoming.direction, 'Incoming');
        assert.equal(incoming.status, 'New');
        assert.equal(incoming.substatus, 'Pending');
        assert.ok(incoming.expirationDateTime);
        const response = await patchStatus(incoming.id, 'Active', 'Accepted');
        assert.equal(response.status, 200, response.text);
        assert.equal(response.json.acceptedDateTime, response.json.updatedDateTime);
        assert.equal(response.json.expirationDateTime, null);
    });

    it('declines with a reason, then the closed referral is read-only (409)', async () => {
        const incoming = pc.admin.createIncomingReferral();
        const declined = await patchStatus(incoming.id, 'Closed', 'Declined', [
            { op: 'replace', path: '/statusReason', value: 'NotMyArea' }
        ]);
        assert.equal(declined.status, 200);
        assert.equal(declined.json.closedDateTime, declined.json.updatedDateTime);
        const write = await call(pc, 'PATCH', `${REFERRALS}/${incoming.id}`, {
            body: [{ op: 'replace', path: '/name', value: 'x' }]
        });
        assert.equal(write.status, 409);
        const put = await call(pc, 'PUT', `${REFERRALS}/${incoming.id}`, {
            body: declined.json,
            headers: { 'If-Match': declined.json.eTag }
        });
        assert.equal(put.status, 409);
    });

    it('wins and loses outgoing referrals', async () => {
        const won = (await call(pc, 'POST', REFERRALS, { body: coSellBody() })).json;
        assert.equal((await patchStatus(won.id, 'Closed', 'Won')).status, 200);
        const lost = (await call(pc, 'POST', REFERRALS, { body: coSellBody() })).json;
        const response = await patchStatus(lost.id, 'Closed', 'Lost', [
            { op: 'replace', path: '/statusReason', value: 'Price' }
        ]);
        assert.equal(response.json.statusReason, 'Price');
    });

    it('rejects inconsistent pairs, backward transitions, unknown values and partner-set Expired (400)', async () => {
        const active = (await call(pc, 'POST', REFERRALS, { body: coSellBody() })).json;
        const incoming = pc.admin.createIncomingReferral();
        const cases: [string, string, string][] = [
            [active.id, 'Closed', 'Accepted'],
            [active.id, 'Active', 'Won'],
            [active.id, 'New', 'Pending'],
            [active.id, 'Engaged', 'Accepted'],
            [incoming.id, 'Closed', 'Expired'],
            [incoming.id, 'New', 'Accepted']
        ];
        for (const [id, status, substatus] of cases) {
            const response = await patchStatus(id, status, substatus);
            assert.equal(response.status, 400, `${status}/${substatus}: ${response.text}`);
        }
        const statusOnly = await call(pc, 'PATCH', `${REFERRALS}/${active.id}`, {
            body: [{ op: 'replace', path: '/status', value: 'Closed' }]
        });
        assert.equal(statusOnly.status, 400, 'status without a matching substatus');
        const moveWithinNew = await patchStatus(incoming.id, 'New', 'Received');
        assert.equal(moveWithinNew.status, 200);
    });

    it('expires unanswered incoming referrals after 14 days', async () => {
        const incoming = pc.admin.createIncomingReferral();
        pc.admin.advanceClock(13 * 86_400_000);
        assert.equal((await call(pc, 'GET', `${REFERRALS}/${incoming.id}`)).json.status, 'New');
        pc.admin.advanceClock(2 * 86_400_000);
        const expired = (await call(pc, 'GET', `${REFERRALS}/${incoming.id}`)).json;
        assert.equal(expired.status, 'Closed');
        assert.equal(expired.substatus, 'Expired');
    });
});

describe('PUT', () => {
    it('requires If-Match, checks it, keeps server fields and validates the transition', async () => {
        const created = (await call(pc, 'POST', REFERRALS, { body: coSellBody() })).json;
        const missing = await call(pc, 'PUT', `${REFERRALS}/${created.id}`, { body: created });
        assert.equal(missing.status, 400);
        assert.match(missing.json.description, /If-Match/);
        const stale = await call(pc, 'PUT', `${REFERRALS}/${created.id}`, {
            body: created,
            headers: { 'If-Match': '"stale"' }
        });
        assert.equal(stale.status, 412);
        const body = {
            ...created,
            name: 'Put name',
            direction: 'Incoming',
            createdDateTime: '2000-01-01T00:00:00.0000000Z',
            extra: true
        };
        const response = await call(pc, 'PUT', `${REFERRALS}/${created.id}`, {
            body,
            headers: { 'If-Match': created.eTag }
        });
        assert.equal(response.status, 200);
        assert.equal(response.json.name, 'Put name');
        assert.equal(response.json.direction, 'Outgoing');
        assert.equal(response.json.createdDateTime, created.createdDateTime);
        assert.equal(response.json.extra, true);
        assert.notEqual(response.json.eTag, created.eTag);
        const backwards = await call(pc, 'PUT', `${REFERRALS}/${created.id}`, {
            body: { ...response.json, status: 'New', substatus: 'Pending' },
            headers: { 'If-Match': response.json.eTag }
        });
        assert.equal(backwards.status, 400);
    });
});
