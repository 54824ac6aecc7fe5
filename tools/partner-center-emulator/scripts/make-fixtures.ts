/**
 * Writes certs/fixtures.json: the test certificate, its SHA-256 thumbprint and public key, and example webhook bodies
 * with valid signatures (plus one signed by the forged key), for Apex tests that cannot run the emulator.
 * RSA PKCS#1 v1.5 signatures are deterministic, so re-running this gives the same file.
 *
 *     node --import tsx scripts/make-fixtures.ts
 */

import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import {
    CERT_DIR,
    CERTIFICATE_FILE_NAME,
    certificateDer,
    certificateInfo,
    certificateThumbprint,
    MICROSOFT_CERTIFICATE_URL_PREFIX,
    publicKeySpkiDer,
    signBody,
    verifyBody
} from '../src/signing.ts';

const referralId = '7c1e0f62-4a51-4d8e-9b2a-3e5d6c7a8b90';
const bodies: { name: string; body: string; note: string }[] = [
    {
        name: 'referral-created',
        note: 'Compact JSON, as the emulator sends it.',
        body: JSON.stringify({
            EventName: 'referral-created',
            ResourceUri: `https://api.partnercenter.microsoft.com/engagements/v1/referrals/${referralId}`,
            ResourceName: 'referral',
            AuditUri: null,
            ResourceChangeUtcDate: '2025-03-03T14:05:21.4579542+00:00'
        })
    },
    {
        name: 'referral-updated',
        note: 'Pretty-printed with CRLF line ends: the signature covers these exact bytes, whitespace included.',
        body: [
            '{',
            '  "EventName": "referral-updated",',
            `  "ResourceUri": "https://api.partnercenter.microsoft.com/engagements/v1/referrals/${referralId}",`,
            '  "ResourceName": "referral",',
            '  "AuditUri": null,',
            '  "ResourceChangeUtcDate": "2025-03-10T09:12:44.1234567+00:00"',
            '}'
        ].join('\r\n')
    },
    {
        name: 'test-created',
        note: 'The validation event sent by POST /webhooks/v1/registration/validationEvents.',
        body: JSON.stringify({
            EventName: 'test-created',
            ResourceUri:
                'https://api.partnercenter.microsoft.com/webhooks/v1/registration/validationEvents/0a3e5c2d-0b7e-4d1f-9f57-1c2b3a4d5e6f',
            ResourceName: 'test',
            AuditUri: null,
            ResourceChangeUtcDate: '2025-03-11T08:00:00.0000001+00:00'
        })
    }
];

const certificateUrl = `${MICROSOFT_CERTIFICATE_URL_PREFIX}${CERTIFICATE_FILE_NAME}`;
const examples = bodies.map(({ name, body, note }) => {
    const signature = signBody(body, 'test');
    if (!verifyBody(body, signature, certificateDer('test'))) {
        throw new Error(`Self-check failed for ${name}`);
    }
    return {
        name,
        note,
        body,
        bodySha256Hex: createSha256(body),
        signature,
        headers: {
            'x-ms-signature': `Signature ${signature}`,
            'x-ms-certificate-url': certificateUrl,
            'x-ms-signature-algorithm': 'rsa-sha256'
        }
    };
});

const forgedBody = bodies[1].body;
const forgedSignature = signBody(forgedBody, 'forged');
if (verifyBody(forgedBody, forgedSignature, certificateDer('test'))) {
    throw new Error('The forged signature verifies against the test certificate');
}

const fixtures = {
    description:
        'TEST-ONLY signing material of the Partner Center emulator (tools/partner-center-emulator/certs/README.md). ' +
        'Not Microsoft certificates; never trust them outside tests and the local demo org.',
    algorithm: 'RSA-SHA256 (PKCS#1 v1.5) over the exact UTF-8 body bytes; base64 signature',
    certificate: {
        fileName: CERTIFICATE_FILE_NAME,
        derBase64: certificateDer('test').toString('base64'),
        sha256ThumbprintHex: certificateThumbprint('test'),
        ...certificateInfo('test')
    },
    publicKeySpkiBase64: publicKeySpkiDer('test').toString('base64'),
    certificateUrl,
    examples,
    forged: {
        note: 'Same body as the referral-updated example, signed by a different ("forged") key: must NOT verify against the certificate above.',
        body: forgedBody,
        signature: forgedSignature,
        headers: {
            'x-ms-signature': `Signature ${forgedSignature}`,
            'x-ms-certificate-url': certificateUrl,
            'x-ms-signature-algorithm': 'rsa-sha256'
        },
        forgedCertificateDerBase64: certificateDer('forged').toString('base64'),
        forgedCertificateSha256ThumbprintHex: certificateThumbprint('forged'),
        forgedPublicKeySpkiBase64: publicKeySpkiDer('forged').toString('base64')
    }
};

function createSha256(text: string): string {
    return createHash('sha256').update(text, 'utf8').digest('hex');
}

writeFileSync(`${CERT_DIR}fixtures.json`, `${JSON.stringify(fixtures, null, 4)}\n`);
console.log(`wrote ${CERT_DIR}fixtures.json`);
