/**
 * Webhook signing with the committed TEST key pair (certs/, see certs/README.md). Partner Center signs the exact body
 * bytes with RSA-SHA256 (PKCS#1 v1.5) and names its certificate in `x-ms-certificate-url` [SDK-WH]. These keys are
 * for the emulator and tests only; the package never trusts them unless a test or the local org pins them.
 */

import { createHash, createPrivateKey, createSign, createVerify, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Directory holding the test key pairs and certificates. */
export const CERT_DIR = fileURLToPath(new URL('../certs/', import.meta.url));

/** The file name Microsoft's sample certificate URL ends with; the emulator serves its test certificate under it. */
export const CERTIFICATE_FILE_NAME = 'pcnotifications-dispatch.microsoft.com.cer';

/** The URL prefix the package pins (architecture.md, CoSellTrustedCertificate__mdt.UrlPrefix__c). */
export const MICROSOFT_CERTIFICATE_URL_PREFIX = 'https://3psostorageacct.blob.core.windows.net/cert/';

/** Which key signs: the genuine test signer, or a foreign ("forged") key. */
export type SignerName = 'test' | 'forged';

interface Signer {
    privateKey: KeyObject;
    certificateDer: Buffer;
    certificate: X509Certificate;
}

const signers = new Map<SignerName, Signer>();

function load(name: SignerName): Signer {
    let signer = signers.get(name);
    if (!signer) {
        const prefix = name === 'test' ? 'signing' : 'forged';
        const privateKey = createPrivateKey(readFileSync(`${CERT_DIR}${prefix}-key.pem`));
        const certificateDer = readFileSync(`${CERT_DIR}${name === 'test' ? CERTIFICATE_FILE_NAME : 'forged.cer'}`);
        signer = { privateKey, certificateDer, certificate: new X509Certificate(certificateDer) };
        signers.set(name, signer);
    }
    return signer;
}

/** Signs the exact bytes of `body` (a string is taken as UTF-8) with RSA-SHA256; returns base64. */
export function signBody(body: string | Buffer, signer: SignerName = 'test'): string {
    const sign = createSign('RSA-SHA256');
    sign.update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
    sign.end();
    return sign.sign(load(signer).privateKey).toString('base64');
}

/** Verifies a base64 RSA-SHA256 signature of `body` against a DER certificate. */
export function verifyBody(body: string | Buffer, signatureBase64: string, certificateDer: Buffer): boolean {
    const verify = createVerify('RSA-SHA256');
    verify.update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
    verify.end();
    return verify.verify(new X509Certificate(certificateDer).publicKey, Buffer.from(signatureBase64, 'base64'));
}

/** The DER bytes of a signer's self-signed certificate. */
export function certificateDer(signer: SignerName = 'test'): Buffer {
    return load(signer).certificateDer;
}

/** SHA-256 of the DER certificate, lower-case hex (what the package pins). */
export function certificateThumbprint(signer: SignerName = 'test'): string {
    return createHash('sha256').update(load(signer).certificateDer).digest('hex');
}

/** The certificate's SubjectPublicKeyInfo, DER. */
export function publicKeySpkiDer(signer: SignerName = 'test'): Buffer {
    return load(signer).certificate.publicKey.export({ type: 'spki', format: 'der' });
}

/** Subject, issuer and validity of a signer's certificate. */
export function certificateInfo(signer: SignerName = 'test'): {
    subject: string;
    issuer: string;
    validFrom: string;
    validTo: string;
    serialNumber: string;
} {
    const certificate = load(signer).certificate;
    return {
        subject: certificate.subject,
        issuer: certificate.issuer,
        validFrom: certificate.validFrom,
        validTo: certificate.validTo,
        serialNumber: certificate.serialNumber
    };
}
