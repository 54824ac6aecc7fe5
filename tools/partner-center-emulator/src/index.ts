/**
 * Partner Center emulator: programmatic API.
 *
 * ```ts
 * import { startEmulator } from '@cosell-tools/partner-center-emulator';
 * const pc = await startEmulator({ port: 0, webhookDelivery: true });
 * pc.admin.createIncomingReferral();
 * await pc.close();
 * ```
 */

export {
    startEmulator,
    Emulator,
    AdminHelpers,
    type EmulatorOptions,
    type LoggedRequest,
    type DeliveryFaultInput
} from './emulator.ts';
export { defaultConfig, type EmulatorConfig } from './config.ts';
export { generateReferrals, type BulkOptions } from './bulk.ts';
export {
    signBody,
    verifyBody,
    certificateDer,
    certificateThumbprint,
    publicKeySpkiDer,
    certificateInfo,
    CERT_DIR,
    CERTIFICATE_FILE_NAME,
    MICROSOFT_CERTIFICATE_URL_PREFIX,
    type SignerName
} from './signing.ts';
export {
    SUPPORTED_EVENTS,
    type Delivery,
    type DeliveryFault,
    type Registration,
    type WebhookEventBody
} from './webhooks.ts';
export { formatTicks, parseTicks, toOffsetForm } from './clock.ts';
export { compileFilter, parseFilter, ODataError } from './odata.ts';
export type { Referral } from './referrals.ts';
export { demoReferrals } from './demo.ts';
