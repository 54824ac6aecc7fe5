import assert from 'node:assert/strict';
import { createHash, createVerify, X509Certificate } from 'node:crypto';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { Emulator } from '../src/emulator.ts';
import { call, coSellBody, Receiver, REFERRALS, register, start, type Received } from './helpers.ts';

let pc: Emulator;
let receiver: Receiver;

before(async () => {
    pc = await start();
});
after(async () => {
    await pc.close();
});
beforeEach(async () => {
    pc.admin.reset();
    receiver = await new Receiver().start();
});
afterEach(async () => {
    await receiver.close();
});

/** Verifies a delivery the way the package must: fetch the certificate from the URL given, RSA-SHA256 over the bytes. */
async function verifyDelivery(request: Received): Promise<boolean> {
    const header = String(request.headers['x-ms-signature'] ?? request.headers.authorization ?? '');
    assert.match(header, /^Signature [A-Za-z0-9+/=]+$/);
    assert.equal(request.headers['x-ms-signature-algorithm'], 'rsa-sha256');
    const certificateUrl = String(request.headers['x-ms-certificate-url']);
    const response = await fetch(certificateUrl);
    assert.equal(response.status, 200);
    const der = Buffer.from(await response.arrayBuffer());
    const certificate = new X509Certificate(der);
    const verify = createVerify('RSA-SHA256');
    verify.update(request.body);
    return verify.verify(certificate.publicKey, Buffer.from(header.slice('Signature '.length), 'base64'));
}

describe('registration API', () => {
    it('answers 404 before registering, then stores one registration that POST and PUT overwrite', async () => {
        assert.equal((await call(pc, 'GET', '/webhooks/v1/registration')).status, 404);
        assert.equal(
            (
                await call(pc, 'PUT', '/webhooks/v1/registration', {
                    body: { WebhookUrl: receiver.url, WebhookEvents: ['referral-created'] }
                })
            ).status,
            404
        );
        const created = await register(pc, receiver.url);
        assert.equal(created.status, 200);
        assert.match(created.json.SubscriberId, /^[0-9a-f-]{36}$/);
        assert.equal(created.json.WebhookUrl, receiver.url);
        const fetched = await call(pc, 'GET', '/webhooks/v1/registration');
        assert.deepEqual(fetched.json.WebhookEvents, [
            'referral-created',
            'referral-updated',
            'related-referral-created',
            'related-referral-updated',
            'test-created'
        ]);
        assert.equal(fetched.json.SignatureTokenToMsSignatureHeader, true);

        const other = 'https://sandbox.example/services/apexrest/cosell/v1/webhook';
        const overwritten = await call(pc, 'POST', '/webhooks/v1/registration', {
            body: { webhookUrl: other, webhookEvents: ['referral-updated'] }
        });
        assert.equal(overwritten.status, 200);
        assert.equal(overwritten.json.SubscriberId, created.json.SubscriberId);
        const after = (await call(pc, 'GET', '/webhooks/v1/registration')).json;
        assert.equal(after.WebhookUrl, other, 'one URL per tenant: the last registration wins');
        assert.deepEqual(after.WebhookEvents, ['referral-updated']);
        assert.equal(after.SignatureTokenToMsSignatureHeader, false);

        const put = await call(pc, 'PUT', '/webhooks/v1/registration', {
            body: { WebhookUrl: receiver.url, WebhookEvents: ['referral-created'] }
        });
        assert.equal(put.status, 200);
        assert.equal((await call(pc, 'GET', '/webhooks/v1/registration')).json.WebhookUrl, receiver.url);
        assert.equal((await call(pc, 'DELETE', '/webhooks/v1/registration')).status, 204);
        assert.equal((await call(pc, 'GET', '/webhooks/v1/registration')).status, 404);
    });

    it('can refuse a second POST when configured', async () => {
        pc.admin.setConfig({ registrationPostConflict: true });
        await register(pc, receiver.url);
        assert.equal((await register(pc, receiver.url)).status, 409);
    });

    it('validates the registration body and lists supported events', async () => {
        for (const body of [
            { WebhookUrl: 'not a url', WebhookEvents: ['referral-created'] },
            { WebhookUrl: 'ftp://x.example/', WebhookEvents: ['referral-created'] },
            { WebhookUrl: receiver.url, WebhookEvents: [] },
            { WebhookUrl: receiver.url, WebhookEvents: ['referral-exploded'] },
            { WebhookUrl: receiver.url, WebhookEvents: ['referral-created'], SignatureTokenToMsSignatureHeader: 'yes' }
        ]) {
            assert.equal(
                (await call(pc, 'POST', '/webhooks/v1/registration', { body })).status,
                400,
                JSON.stringify(body)
            );
        }
        const events = await call(pc, 'GET', '/webhooks/v1/registration/events');
        assert.ok(events.json.includes('referral-updated'));
        assert.ok(events.json.includes('test-created'));
    });

    it('sends test events, reports their result, and throttles them at 2 per minute', async () => {
        await register(pc, receiver.url);
        const first = await call(pc, 'POST', '/webhooks/v1/registration/validationEvents');
        assert.equal(first.status, 200);
        assert.match(first.json.correlationId, /^[0-9a-f-]{36}$/);
        assert.equal((await call(pc, 'POST', '/webhooks/v1/registration/validationEvents')).status, 200);
        const third = await call(pc, 'POST', '/webhooks/v1/registration/validationEvents');
        assert.equal(third.status, 429);
        assert.ok(Number(third.headers.get('retry-after')) >= 1);
        assert.equal(third.json.statusCode, 429);
        await pc.admin.waitForDeliveries();
        const [event] = receiver.bodies();
        assert.equal(event.EventName, 'test-created');
        assert.equal(event.ResourceName, 'test');
        assert.ok(String(event.ResourceUri).endsWith(`/validationEvents/${first.json.correlationId}`));
        const status = await call(pc, 'GET', `/webhooks/v1/registration/validationEvents/${first.json.correlationId}`);
        assert.equal(status.json.status, 'completed');
        assert.equal(status.json.callbackUrl, receiver.url);
        assert.equal(status.json.results[0].responseCode, 'OK');
        assert.equal((await call(pc, 'GET', '/webhooks/v1/registration/validationEvents/unknown')).status, 404);
        pc.admin.advanceClock(61_000);
        assert.equal((await call(pc, 'POST', '/webhooks/v1/registration/validationEvents')).status, 200);
    });

    it('refuses test events without a test-created registration', async () => {
        await call(pc, 'POST', '/webhooks/v1/registration', {
            body: { WebhookUrl: receiver.url, WebhookEvents: ['referral-created'] }
        });
        assert.equal((await call(pc, 'POST', '/webhooks/v1/registration/validationEvents')).status, 400);
    });
});

describe('delivery', () => {
    it('POSTs a thin PascalCase notification signed over the exact body, verifiable with the served certificate', async () => {
        await register(pc, receiver.url);
        const incoming = pc.admin.createIncomingReferral();
        assert.ok(await pc.admin.waitForDeliveries());
        assert.equal(receiver.received.length, 1);
        const [request] = receiver.received;
        const body = JSON.parse(request.body.toString('utf8'));
        assert.deepEqual(Object.keys(body), [
            'EventName',
            'ResourceUri',
            'ResourceName',
            'AuditUri',
            'ResourceChangeUtcDate'
        ]);
        assert.equal(body.EventName, 'referral-created');
        assert.equal(
            body.ResourceUri,
            `https://api.partnercenter.microsoft.com/engagements/v1/referrals/${incoming.id}`
        );
        assert.equal(body.ResourceName, 'referral');
        assert.equal(body.AuditUri, null);
        assert.equal(body.ResourceChangeUtcDate, String(incoming.updatedDateTime).replace('Z', '+00:00'));
        assert.equal(request.headers['content-type'], 'application/json');
        assert.equal(
            request.headers['x-ms-certificate-url'],
            `${pc.url}/cert/pcnotifications-dispatch.microsoft.com.cer`
        );
        assert.equal(request.headers.authorization, undefined);
        assert.ok(await verifyDelivery(request));
        const tampered = { ...request, body: Buffer.from(request.body.toString('utf8').replace('created', 'updated')) };
        assert.equal(await verifyDelivery(tampered), false);
        const info = pc.admin.signingInfo();
        const der = Buffer.from(await (await fetch(info.certificateUrl)).arrayBuffer());
        assert.equal(createHash('sha256').update(der).digest('hex'), info.thumbprintSha256);
    });

    it('uses Authorization: Signature when SignatureTokenToMsSignatureHeader is false', async () => {
        await register(pc, receiver.url, false);
        pc.admin.createIncomingReferral();
        await pc.admin.waitForDeliveries();
        const [request] = receiver.received;
        assert.equal(request.headers['x-ms-signature'], undefined);
        assert.match(String(request.headers.authorization), /^Signature /);
        assert.ok(await verifyDelivery(request));
    });

    it('notifies for Microsoft-seller changes, partner API writes (configurable) and only for registered events', async () => {
        await call(pc, 'POST', '/webhooks/v1/registration', {
            body: {
                WebhookUrl: receiver.url,
                WebhookEvents: ['referral-updated'],
                SignatureTokenToMsSignatureHeader: true
            }
        });
        const incoming = pc.admin.createIncomingReferral();
        pc.admin.updateDeal(incoming.id, { dealValue: 150000 });
        pc.admin.closeReferral(incoming.id, 'Lost', 'Budget cut');
        await pc.admin.waitForDeliveries();
        assert.deepEqual(
            receiver.bodies().map((b) => b.EventName),
            ['referral-updated', 'referral-updated'],
            'referral-created is not registered'
        );
        const closed = pc.admin.getReferral(incoming.id);
        assert.equal(closed.status, 'Closed');
        assert.equal(closed.statusReason, 'Budget cut');
        assert.equal((closed.details as any).dealValue, 150000);

        const created = (await call(pc, 'POST', REFERRALS, { body: coSellBody() })).json;
        await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, { body: [{ op: 'replace', path: '/name', value: 'x' }] });
        await pc.admin.waitForDeliveries();
        assert.equal(receiver.received.length, 3, 'PATCH by the partner notifies by default');
        pc.admin.setConfig({ webhookOnApiWrites: false });
        await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, { body: [{ op: 'replace', path: '/name', value: 'y' }] });
        await pc.admin.waitForDeliveries();
        assert.equal(receiver.received.length, 3);
        pc.admin.setConfig({ webhookDelivery: false });
        pc.admin.updateDeal(created.id, { notes: 'quiet' });
        await pc.admin.waitForDeliveries();
        assert.equal(receiver.received.length, 3);
    });

    it('sends no partner webhook for the connected referral the partner creates for Microsoft', async () => {
        await register(pc, receiver.url);
        const ours = (
            await call(pc, 'POST', REFERRALS, {
                body: coSellBody({ type: 'Shared', target: [{ type: 'SolutionProfile', id: 'SOL-15974-MQF' }] })
            })
        ).json;
        const connected = await call(pc, 'POST', REFERRALS, {
            body: {
                ...coSellBody({ type: 'Shared', target: [{ type: 'BusinessProfileLocation', id: 'msft' }] }),
                externalReferenceId: undefined,
                engagementId: ours.engagementId
            }
        });
        assert.equal(connected.status, 201);
        await pc.admin.waitForDeliveries();
        assert.deepEqual(
            receiver.bodies().map((b) => [b.EventName, String(b.ResourceUri).split('/').pop()]),
            [['referral-created', ours.id]],
            'only our own referral is announced: Microsoft\'s side is not the partner\'s referral'
        );
    });

    it('can send related-referral events on demand', async () => {
        await register(pc, receiver.url);
        const [seeded] = pc.admin.seedReferrals([{ name: 'x', status: 'Active', substatus: 'Accepted' }]);
        pc.admin.sendEvent(seeded.id, 'related-referral-updated');
        await pc.admin.waitForDeliveries();
        assert.equal(receiver.bodies()[0].EventName, 'related-referral-updated');
    });

    it('retries non-2xx answers with backoff and then succeeds', async () => {
        await register(pc, receiver.url);
        receiver.statuses = [500, 503, 429];
        pc.admin.createIncomingReferral();
        await pc.admin.waitForDeliveries();
        assert.equal(receiver.received.length, 4);
        const bodies = new Set(receiver.received.map((r) => r.body.toString('utf8')));
        assert.equal(bodies.size, 1, 'every retry carries the same bytes');
        const [delivery] = pc.admin.deliveries();
        assert.equal(delivery.state, 'delivered');
        assert.deepEqual(
            delivery.attempts.map((a) => a.status),
            [500, 503, 429, 200]
        );
        assert.deepEqual(
            delivery.attempts.map((a) => a.retryDelayMs),
            [5, 10, 20, null],
            'exponential backoff from retryBaseMs, capped at retryMaxMs'
        );
        receiver.received.slice(1).forEach((request, index) => {
            const gap = request.at - receiver.received[index].at;
            assert.ok(
                gap >= (delivery.attempts[index].retryDelayMs ?? 0) - 2,
                `attempt ${index + 2} came after ${gap} ms`
            );
        });
    });

    it('gives up after 10 attempts and parks the event in the offline queue', async () => {
        await register(pc, receiver.url);
        receiver.statuses = Array(20).fill(500);
        pc.admin.createIncomingReferral();
        await pc.admin.waitForDeliveries();
        assert.equal(receiver.received.length, 10);
        assert.equal(pc.admin.offlineQueue().length, 1);
        assert.equal(pc.admin.offlineQueue()[0].state, 'offline');
        const offline = (await fetch(`${pc.url}/_admin/webhooks/offline`).then((r) => r.json())) as unknown[];
        assert.equal(offline.length, 1);
        receiver.statuses = [];
        pc.admin.redeliverOffline();
        await pc.admin.waitForDeliveries();
        assert.equal(receiver.received.length, 11);
        assert.equal(pc.admin.offlineQueue().length, 0);
    });

    it('retries when the subscriber is unreachable', async () => {
        await call(pc, 'POST', '/webhooks/v1/registration', {
            body: { WebhookUrl: 'http://127.0.0.1:9/unreachable', WebhookEvents: ['referral-created'] }
        });
        pc.admin.setConfig({ maxDeliveryAttempts: 3 });
        pc.admin.createIncomingReferral();
        await pc.admin.waitForDeliveries();
        const [delivery] = pc.admin.deliveries();
        assert.equal(delivery.attempts.length, 3);
        assert.ok(delivery.attempts.every((a) => a.status === null && a.error));
        assert.equal(delivery.state, 'offline');
    });
});

describe('delivery faults', () => {
    beforeEach(async () => {
        await register(pc, receiver.url);
    });

    it('duplicates an event with identical bytes', async () => {
        pc.admin.injectDeliveryFault({ kind: 'duplicate', copies: 3 });
        pc.admin.createIncomingReferral();
        pc.admin.createIncomingReferral();
        await pc.admin.waitForDeliveries();
        assert.equal(receiver.received.length, 4);
        const first = receiver.received.slice(0, 3).map((r) => r.body.toString('utf8'));
        assert.equal(new Set(first).size, 1);
        assert.equal(new Set(receiver.received.map((r) => String(r.headers['x-ms-signature']))).size, 2);
    });

    it('delivers events out of order (newest first)', async () => {
        const incoming = pc.admin.createIncomingReferral();
        await pc.admin.waitForDeliveries();
        pc.admin.injectDeliveryFault({ kind: 'outOfOrder', count: 3 });
        pc.admin.updateDeal(incoming.id, { dealValue: 1 });
        pc.admin.updateDeal(incoming.id, { dealValue: 2 });
        pc.admin.updateDeal(incoming.id, { dealValue: 3 });
        await pc.admin.waitForDeliveries();
        const dates = receiver
            .bodies()
            .slice(1)
            .map((b) => String(b.ResourceChangeUtcDate));
        assert.equal(dates.length, 3);
        assert.deepEqual(dates, [...dates].sort().reverse());
        pc.admin.updateDeal(incoming.id, { dealValue: 4 });
        await pc.admin.waitForDeliveries();
        assert.equal(receiver.received.length, 5, 'the fault is used up');
    });

    it('releases held out-of-order events after holdMs when fewer arrive', async () => {
        pc.admin.injectDeliveryFault({ kind: 'outOfOrder', count: 5, holdMs: 30 });
        pc.admin.createIncomingReferral();
        assert.ok(await pc.admin.waitForDeliveries(2000));
        assert.equal(receiver.received.length, 1);
    });

    it('signs with a forged key: the signature does not verify against the certificate', async () => {
        pc.admin.injectDeliveryFault({ kind: 'forgedSignature' });
        pc.admin.createIncomingReferral();
        pc.admin.createIncomingReferral();
        await pc.admin.waitForDeliveries();
        assert.equal(await verifyDelivery(receiver.received[0]), false);
        assert.equal(await verifyDelivery(receiver.received[1]), true);
    });

    it('sends a wrong certificate URL, a missing signature, or nothing at all', async () => {
        pc.admin.injectDeliveryFault({ kind: 'wrongCertificateUrl' });
        pc.admin.createIncomingReferral();
        await pc.admin.waitForDeliveries();
        assert.match(
            String(receiver.received[0].headers['x-ms-certificate-url']),
            /^https:\/\/certificates\.attacker\.example\//
        );

        pc.admin.injectDeliveryFault({ kind: 'wrongCertificateUrl', certificateUrl: `${pc.url}/cert/forged.cer` });
        pc.admin.createIncomingReferral();
        await pc.admin.waitForDeliveries();
        assert.equal(await verifyDelivery(receiver.received[1]), false, 'valid signature, foreign certificate');

        pc.admin.injectDeliveryFault({ kind: 'missingSignature' });
        pc.admin.createIncomingReferral();
        await pc.admin.waitForDeliveries();
        assert.equal(receiver.received[2].headers['x-ms-signature'], undefined);
        assert.equal(receiver.received[2].headers.authorization, undefined);

        pc.admin.injectDeliveryFault({ kind: 'drop', count: 2 });
        pc.admin.createIncomingReferral();
        pc.admin.createIncomingReferral();
        pc.admin.createIncomingReferral();
        await pc.admin.waitForDeliveries();
        assert.equal(receiver.received.length, 4);
        assert.equal(pc.admin.deliveries().filter((d) => d.state === 'dropped').length, 2);
    });

    it('rejects unknown delivery faults', () => {
        assert.throws(() => pc.admin.injectDeliveryFault({ kind: 'explode' as never }));
        assert.throws(() => pc.admin.injectDeliveryFault({ kind: 'outOfOrder', count: 1 }));
    });

    it('sends the configured certificate URL (the local org points it at the pinned Microsoft host)', async () => {
        pc.admin.setConfig({
            certificateUrl:
                'https://3psostorageacct.blob.core.windows.net/cert/pcnotifications-dispatch.microsoft.com.cer'
        });
        pc.admin.createIncomingReferral();
        await pc.admin.waitForDeliveries();
        assert.equal(
            receiver.received[0].headers['x-ms-certificate-url'],
            'https://3psostorageacct.blob.core.windows.net/cert/pcnotifications-dispatch.microsoft.com.cer'
        );
    });
});
