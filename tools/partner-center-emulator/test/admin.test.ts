import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createVerify, X509Certificate } from 'node:crypto';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Emulator } from '../src/emulator.ts';
import { certificateDer, certificateThumbprint, publicKeySpkiDer, signBody, verifyBody } from '../src/signing.ts';
import { call, coSellBody, Receiver, REFERRALS, register, start } from './helpers.ts';

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

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const response = await fetch(`${pc.url}/_admin${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

describe('request faults', () => {
    it('answers 429 with Retry-After and the documented body for the next N matching requests, then recovers', async () => {
        pc.admin.injectFault({
            status: 429,
            retryAfter: 2,
            count: 2,
            method: 'GET',
            path: '^/v1\\.0/engagements/referrals'
        });
        const post = await call(pc, 'POST', REFERRALS, { body: coSellBody() });
        assert.equal(post.status, 201, 'method filter: POST is not affected');
        for (let i = 0; i < 2; i++) {
            const throttled = await call(pc, 'GET', REFERRALS);
            assert.equal(throttled.status, 429);
            assert.equal(throttled.headers.get('retry-after'), '2');
            assert.deepEqual(throttled.json, {
                statusCode: 429,
                message: 'Rate limit is exceeded. Try again in 2 seconds.'
            });
        }
        assert.equal((await call(pc, 'GET', REFERRALS)).status, 200);
    });

    it('injects 500, 503, 412 and 403 bodies', async () => {
        const created = (await call(pc, 'POST', REFERRALS, { body: coSellBody() })).json;
        pc.admin.injectFault({ status: 500 });
        const internal = await call(pc, 'GET', REFERRALS);
        assert.equal(internal.status, 500);
        assert.equal(internal.json.code, '500');
        pc.admin.injectFault({ status: 503, retryAfter: 1 });
        const unavailable = await call(pc, 'GET', REFERRALS);
        assert.equal(unavailable.status, 503);
        assert.equal(unavailable.headers.get('retry-after'), '1');
        pc.admin.injectFault({ status: 412, method: 'PATCH' });
        const precondition = await call(pc, 'PATCH', `${REFERRALS}/${created.id}`, {
            body: [{ op: 'replace', path: '/name', value: 'x' }],
            headers: { 'If-Match': created.eTag }
        });
        assert.equal(precondition.status, 412);
        assert.equal(
            precondition.json.description,
            'The If-Match eTag does not match the current version of the referral.'
        );
        assert.equal(pc.admin.getReferral(created.id).name, created.name, 'an injected failure changes nothing');
        pc.admin.injectFault({ status: 403, body: { code: 'forbidden', description: 'Missing Referrals role' } });
        const forbidden = await call(pc, 'GET', REFERRALS);
        assert.equal(forbidden.status, 403);
        assert.equal(forbidden.json.description, 'Missing Referrals role');
    });

    it('delays responses and can drop the connection', async () => {
        pc.admin.injectFault({ delayMs: 150 });
        const started = Date.now();
        const slow = await call(pc, 'GET', REFERRALS);
        assert.equal(slow.status, 200);
        assert.ok(Date.now() - started >= 140);
        pc.admin.injectFault({ drop: true });
        await assert.rejects(call(pc, 'GET', REFERRALS));
        assert.equal((await call(pc, 'GET', REFERRALS)).status, 200);
    });

    it('validates fault rules', () => {
        assert.throws(() => pc.admin.injectFault({}));
        assert.throws(() => pc.admin.injectFault({ status: 42 }));
        assert.throws(() => pc.admin.injectFault({ status: 500, count: 0 }));
        assert.throws(() => pc.admin.injectFault({ status: 500, path: '(' }));
    });
});

describe('admin HTTP API', () => {
    it('seeds, reads, acts as a Microsoft seller and resets', async () => {
        const seeded = await admin('POST', '/referrals', [{ name: 'Seeded', status: 'Active', substatus: 'Accepted' }]);
        assert.equal(seeded.status, 201);
        assert.match(seeded.json[0].id, /^[0-9a-f-]{36}$/);
        assert.match(seeded.json[0].eTag, /^".*"$/);
        const incoming = await admin('POST', '/seller/referrals', {
            name: 'Contoso - AI pilot',
            details: { dealValue: 5000 }
        });
        assert.equal(incoming.status, 201);
        assert.equal(incoming.json.direction, 'Incoming');
        assert.equal(incoming.json.status, 'New');
        assert.equal(incoming.json.substatus, 'Pending');
        assert.equal(incoming.json.inviteContext.invitedBy.organizationId, 'msft');
        const created = Date.parse(incoming.json.createdDateTime);
        const expires = Date.parse(incoming.json.expirationDateTime);
        assert.equal(Math.round((expires - created) / 86_400_000), 14);
        const deal = await admin('POST', `/seller/referrals/${incoming.json.id}/deal`, {
            dealValue: 7500,
            currency: 'EUR'
        });
        assert.equal(deal.json.details.dealValue, 7500);
        assert.equal(deal.json.details.currency, 'EUR');
        assert.notEqual(deal.json.eTag, incoming.json.eTag);
        const closed = await admin('POST', `/seller/referrals/${incoming.json.id}/close`, { substatus: 'Won' });
        assert.equal(closed.json.status, 'Closed');
        assert.equal(
            (await admin('POST', `/seller/referrals/${incoming.json.id}/close`, { substatus: 'Lost' })).status,
            409
        );
        assert.equal(
            (await admin('POST', `/seller/referrals/${seeded.json[0].id}/close`, { substatus: 'Pending' })).status,
            400
        );
        const patched = await admin('PATCH', `/referrals/${seeded.json[0].id}?event=none`, {
            trackingInfo: { microsoftMsxId: '7-ABC' }
        });
        assert.equal(patched.json.trackingInfo.microsoftMsxId, '7-ABC');
        assert.equal((await admin('GET', '/referrals')).json.length, 2);
        assert.equal((await admin('GET', `/referrals/${seeded.json[0].id}`)).json.name, 'Seeded');
        assert.equal((await admin('POST', `/referrals/${seeded.json[0].id}/expire`)).status, 409);
        const pending = await admin('POST', '/seller/referrals', {});
        assert.equal((await admin('POST', `/referrals/${pending.json.id}/expire`)).json.substatus, 'Expired');
        assert.equal((await admin('DELETE', `/referrals/${pending.json.id}`)).status, 204);
        assert.equal((await admin('GET', `/referrals/${pending.json.id}`)).status, 404);
        assert.equal((await admin('POST', '/reset')).status, 200);
        assert.equal((await admin('GET', '/referrals')).json.length, 0);
        assert.equal((await admin('GET', '/nope')).status, 404);
    });

    it('logs partner requests with headers and bodies (not admin calls)', async () => {
        await call(pc, 'POST', REFERRALS, {
            body: coSellBody(),
            headers: { 'MS-CorrelationId': 'c-1', 'MS-RequestId': 'r-1' }
        });
        await call(pc, 'PATCH', `${REFERRALS}/x`, {
            body: [{ op: 'replace', path: '/name', value: 'x' }],
            headers: { 'If-Match': '"e"' }
        });
        const log = (await admin('GET', '/requests')).json;
        assert.equal(log.length, 2);
        assert.equal(log[0].method, 'POST');
        assert.equal(log[0].path, REFERRALS);
        assert.equal(log[0].headers['ms-correlationid'], 'c-1');
        assert.equal(log[0].headers['ms-requestid'], 'r-1');
        assert.equal(log[0].headers.authorization, 'Bearer test-token');
        assert.equal(JSON.parse(log[0].body).name, 'Fabrikam - Azure migration');
        assert.equal(log[0].status, 201);
        assert.equal(log[1].headers['if-match'], '"e"');
        assert.equal(log[1].status, 404);
        assert.equal((await admin('GET', '/requests?method=PATCH')).json.length, 1);
        assert.equal((await admin('GET', `/requests?since=${log[0].seq}`)).json.length, 1);
        assert.equal((await admin('DELETE', '/requests')).status, 204);
        assert.equal((await admin('GET', '/requests')).json.length, 0);
    });

    it('manages faults, token, config, clock and webhooks over HTTP', async () => {
        assert.equal((await admin('POST', '/faults', { status: 503, count: 1 })).status, 201);
        assert.equal((await admin('GET', '/faults')).json.length, 1);
        assert.equal((await admin('DELETE', '/faults')).status, 204);
        assert.equal((await call(pc, 'GET', REFERRALS)).status, 200);
        await admin('POST', '/token/expire');
        assert.equal((await admin('GET', '/token')).json.expired, true);
        assert.equal((await call(pc, 'GET', REFERRALS)).status, 401);
        await admin('POST', '/token/reset');
        assert.equal((await call(pc, 'GET', REFERRALS)).status, 200);
        assert.equal((await admin('PATCH', '/config', { createStatus: 200 })).json.createStatus, 200);
        assert.equal((await admin('PATCH', '/config', { bogus: 1 })).status, 400);
        assert.equal((await admin('PATCH', '/config', { createStatus: 202 })).status, 400);
        const clock = await admin('POST', '/clock', { advanceMs: 3_600_000 });
        assert.equal(clock.json.offsetMs, 3_600_000);
        assert.equal((await admin('POST', '/webhooks/faults', { kind: 'duplicate' })).status, 201);
        assert.equal((await admin('GET', '/webhooks/faults')).json.length, 1);
        assert.equal((await admin('POST', '/webhooks/idle')).json.idle, true);
        const signing = (await admin('GET', '/signing')).json;
        assert.equal(signing.thumbprintSha256, certificateThumbprint());
        const signed = (await admin('POST', '/sign', { body: '{"a":1}' })).json;
        assert.ok(verifyBody('{"a":1}', signed.signature, certificateDer()));
        assert.equal((await admin('GET', '/health')).json.ok, true);
    });

    it('sends a webhook for a seeded referral on request and waits for it', async () => {
        const receiver = await new Receiver().start();
        try {
            pc.admin.setConfig({ webhookDelivery: true });
            await register(pc, receiver.url);
            const [seeded] = (await admin('POST', '/referrals', { referrals: [{ name: 'Seeded' }], notify: true }))
                .json;
            await admin('POST', '/webhooks/send', { referralId: seeded.id, eventName: 'referral-updated' });
            const idle = await admin('POST', '/webhooks/idle?timeoutMs=2000');
            assert.equal(idle.json.idle, true);
            assert.deepEqual(
                receiver.bodies().map((b) => b.EventName),
                ['referral-created', 'referral-updated']
            );
            assert.equal((await admin('GET', '/webhooks/deliveries?state=delivered')).json.length, 2);
        } finally {
            await receiver.close();
        }
    });
});

describe('certificate endpoint', () => {
    it('serves both certificates as DER without auth, and 404 / 405 otherwise', async () => {
        const genuine = await fetch(`${pc.url}/cert/pcnotifications-dispatch.microsoft.com.cer`);
        assert.equal(genuine.status, 200);
        assert.equal(genuine.headers.get('content-type'), 'application/pkix-cert');
        assert.deepEqual(Buffer.from(await genuine.arrayBuffer()), certificateDer());
        const forged = await fetch(`${pc.url}/cert/forged.cer`);
        assert.deepEqual(Buffer.from(await forged.arrayBuffer()), certificateDer('forged'));
        assert.equal((await fetch(`${pc.url}/cert/other.cer`)).status, 404);
        assert.equal((await fetch(`${pc.url}/cert/forged.cer`, { method: 'POST' })).status, 405);
        assert.equal((await fetch(`${pc.url}/elsewhere`)).status, 404);
        pc.admin.injectFault({ status: 503, path: '^/cert/' });
        assert.equal((await fetch(`${pc.url}/cert/forged.cer`)).status, 503, 'certificate downloads can fail too');
    });
});

describe('robustness', () => {
    it('survives a client that hangs up in the middle of a request body', async () => {
        const { port } = new URL(pc.url);
        await new Promise<void>((resolve) => {
            const socket = connect(Number(port), '127.0.0.1', () => {
                socket.write(
                    'POST /v1.0/engagements/referrals HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n' +
                        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":'
                );
                setTimeout(() => {
                    socket.destroy();
                    resolve();
                }, 30);
            });
        });
        await new Promise((resolve) => setTimeout(resolve, 30));
        assert.equal((await call(pc, 'GET', REFERRALS)).status, 200);
    });
});

describe('persistence', () => {
    it('keeps referrals, the registration and the offline queue across restarts', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pc-emulator-'));
        const stateFile = join(dir, 'state', 'partner-center.json');
        try {
            const first = await start({ stateFile, webhookDelivery: true, maxDeliveryAttempts: 1 });
            await call(first, 'POST', '/webhooks/v1/registration', {
                body: { WebhookUrl: 'http://127.0.0.1:9/x', WebhookEvents: ['referral-created'] }
            });
            const created = (await call(first, 'POST', REFERRALS, { body: coSellBody() })).json;
            await first.admin.waitForDeliveries();
            assert.equal(first.admin.offlineQueue().length, 1);
            await first.close();
            const saved = JSON.parse(readFileSync(stateFile, 'utf8'));
            assert.equal(saved.referrals.length, 1);

            const second = await start({ stateFile, webhookDelivery: false });
            try {
                const fetched = await call(second, 'GET', `${REFERRALS}/${created.id}`);
                assert.equal(fetched.status, 200);
                assert.deepEqual(fetched.json, created);
                assert.equal(
                    (await call(second, 'GET', '/webhooks/v1/registration')).json.WebhookUrl,
                    'http://127.0.0.1:9/x'
                );
                assert.equal(second.admin.offlineQueue().length, 1);
                const patched = await call(second, 'PATCH', `${REFERRALS}/${created.id}`, {
                    body: [{ op: 'replace', path: '/name', value: 'after restart' }],
                    headers: { Prefer: 'return=representation' }
                });
                assert.ok(patched.json.updatedDateTime > created.updatedDateTime);
            } finally {
                await second.close();
            }
            const third = await start({ stateFile, webhookDelivery: false });
            assert.equal(third.admin.getReferral(created.id).name, 'after restart');
            await third.close();
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe('bulk seeding', () => {
    it('seeds 10,000 referrals quickly and pages through them', async () => {
        const started = Date.now();
        const result = pc.admin.seedBulk(10_000, 7);
        assert.equal(result.count, 10_000);
        assert.ok(Date.now() - started < 5000, `seeded in ${Date.now() - started} ms`);
        let link: string | undefined = `${REFERRALS}?$orderby=updatedDateTime%20desc&$select=id,updatedDateTime`;
        let total = 0;
        let previous = '9999';
        while (link) {
            const page = await call(pc, 'GET', link);
            for (const referral of page.json.value) {
                assert.ok(referral.updatedDateTime <= previous);
                previous = referral.updatedDateTime;
            }
            total += page.json.value.length;
            link = page.json['@odata.nextLink'];
        }
        assert.equal(total, 10_000);
        const sample = pc.admin.listReferrals()[0];
        assert.match(String(sample.updatedDateTime), /\.\d{7}Z$/);
    });
});

describe('signing fixtures', () => {
    const fixtures = JSON.parse(
        readFileSync(fileURLToPath(new URL('../certs/fixtures.json', import.meta.url)), 'utf8')
    );

    it('match the committed key pair and verify (forged does not)', () => {
        const der = Buffer.from(fixtures.certificate.derBase64, 'base64');
        assert.deepEqual(der, certificateDer());
        assert.equal(fixtures.certificate.sha256ThumbprintHex, certificateThumbprint());
        assert.equal(fixtures.publicKeySpkiBase64, publicKeySpkiDer().toString('base64'));
        assert.equal(fixtures.examples.length, 3);
        for (const example of fixtures.examples) {
            const verify = createVerify('RSA-SHA256');
            verify.update(Buffer.from(example.body, 'utf8'));
            assert.ok(
                verify.verify(new X509Certificate(der).publicKey, Buffer.from(example.signature, 'base64')),
                example.name
            );
            assert.equal(signBody(example.body), example.signature, 'deterministic PKCS#1 v1.5');
            assert.equal(example.headers['x-ms-signature'], `Signature ${example.signature}`);
        }
        assert.equal(verifyBody(fixtures.forged.body, fixtures.forged.signature, der), false);
        assert.ok(
            verifyBody(
                fixtures.forged.body,
                fixtures.forged.signature,
                Buffer.from(fixtures.forged.forgedCertificateDerBase64, 'base64')
            )
        );
    });
});

describe('CLI', () => {
    it('prints the URL, serves demo data and stops on SIGTERM', async () => {
        const bin = fileURLToPath(new URL('../bin/partner-center-emulator.mjs', import.meta.url));
        const child = spawn(process.execPath, [bin, '--seed-demo', '--no-webhooks'], {
            stdio: ['ignore', 'pipe', 'pipe']
        });
        try {
            const url = await new Promise<string>((resolve, reject) => {
                let output = '';
                child.stdout.on('data', (chunk: Buffer) => {
                    output += chunk.toString('utf8');
                    const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
                    if (match) {
                        resolve(match[1]);
                    }
                });
                child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
            });
            const response = await fetch(`${url}${REFERRALS}`, { headers: { Authorization: 'Bearer demo' } });
            const body = (await response.json()) as { value: unknown[] };
            assert.equal(body.value.length, 3);
        } finally {
            const exited = new Promise((resolve) => child.once('exit', resolve));
            child.kill('SIGTERM');
            await exited;
        }
    });
});
