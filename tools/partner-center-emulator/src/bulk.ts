/**
 * Fast, deterministic generation of many referrals (benchmarks: a 10,000-referral backfill). Objects are built
 * directly, without validation or cloning, and spread over the past year with a realistic mix of directions and
 * states.
 */

import { formatTicks } from './clock.ts';
import type { Referral } from './referrals.ts';

/** Options of {@link generateReferrals}. */
export interface BulkOptions {
    /** PRNG seed: the same seed gives the same referrals. */
    seed?: number;
    /** "Now" in epoch milliseconds; referrals are created during the 365 days before it. */
    nowMs?: number;
    partner?: { organizationId: string; organizationName: string; mpnId: string };
    linkBaseUrl?: string;
}

function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function guid(random: () => number): string {
    const hex = (length: number): string => {
        let out = '';
        for (let i = 0; i < length; i++) {
            out += Math.floor(random() * 16).toString(16);
        }
        return out;
    };
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(random() * 4)).toString(16)}${hex(3)}-${hex(12)}`;
}

const CUSTOMERS = [
    'Fabrikam',
    'Northwind Traders',
    'Tailspin Toys',
    'Wingtip Toys',
    'Adventure Works',
    'Litware',
    'Proseware',
    'Woodgrove Bank',
    'Contoso Pharma',
    'Alpine Ski House'
];
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'NL', 'AU', 'CA', 'JP', 'IN', 'BR'];
const CURRENCIES: Record<string, string> = {
    US: 'USD',
    GB: 'GBP',
    DE: 'EUR',
    FR: 'EUR',
    NL: 'EUR',
    AU: 'AUD',
    CA: 'CAD',
    JP: 'JPY',
    IN: 'INR',
    BR: 'BRL'
};
const WORKLOADS = [
    'Azure migration',
    'Microsoft 365 rollout',
    'Dynamics 365 Sales',
    'Security modernisation',
    'Data platform',
    'AI pilot'
];
const STATES: [string, string][] = [
    ['New', 'Pending'],
    ['New', 'Received'],
    ['Active', 'Accepted'],
    ['Active', 'Accepted'],
    ['Active', 'Accepted'],
    ['Closed', 'Won'],
    ['Closed', 'Lost'],
    ['Closed', 'Declined'],
    ['Closed', 'Expired']
];

/** Generates `count` referrals. */
export function generateReferrals(count: number, options: BulkOptions = {}): Referral[] {
    const random = mulberry32(options.seed ?? 42);
    const nowMs = options.nowMs ?? Date.now();
    const partner = options.partner ?? {
        organizationId: '355e66da-9f6c-43bb-a13a-0885ebaabd5c',
        organizationName: 'Contoso Partner Ltd',
        mpnId: '6193175'
    };
    const base = (options.linkBaseUrl ?? 'https://api.partner.microsoft.com').replace(/\/$/, '');
    const yearTicks = 365 * 86_400_000 * 10_000;
    const referrals: Referral[] = [];
    for (let i = 0; i < count; i++) {
        const id = guid(random);
        const engagementId = guid(random);
        const incoming = random() < 0.6;
        const [status, substatus] = incoming
            ? STATES[Math.floor(random() * STATES.length)]
            : STATES[2 + Math.floor(random() * 4)];
        const createdTicks = BigInt(nowMs) * 10_000n - BigInt(Math.floor(random() * yearTicks));
        const updatedTicks = createdTicks + BigInt(Math.floor(random() * 30 * 86_400_000 * 10_000));
        const created = formatTicks(createdTicks);
        const updated = formatTicks(updatedTicks);
        const country = COUNTRIES[Math.floor(random() * COUNTRIES.length)];
        const customer = CUSTOMERS[Math.floor(random() * CUSTOMERS.length)];
        const workload = WORKLOADS[Math.floor(random() * WORKLOADS.length)];
        const solutionId = `SOL-${10000 + Math.floor(random() * 89999)}-BNC`;
        referrals.push({
            id,
            engagementId,
            name: `${customer} - ${workload} #${i + 1}`,
            organizationId: partner.organizationId,
            organizationName: partner.organizationName,
            externalReferenceId: null,
            createdDateTime: created,
            updatedDateTime: updated,
            expirationDateTime: status === 'New' ? formatTicks(createdTicks + 14n * 86_400_000n * 10_000n) : null,
            status,
            substatus,
            statusReason: substatus === 'Lost' || substatus === 'Declined' ? 'Budget' : null,
            qualification: 'SalesQualified',
            type: 'Shared',
            eTag: `"${Math.floor(random() * 0xffffffff)
                .toString(16)
                .padStart(8, '0')}-0000-0100-0000-${Math.floor(Number(updatedTicks / 10_000_000n))
                .toString(16)
                .padStart(8, '0')}0000"`,
            direction: incoming ? 'Incoming' : 'Outgoing',
            mpnId: partner.mpnId,
            acceptedDateTime: status === 'New' ? null : created,
            closedDateTime: status === 'Closed' ? updated : null,
            customerProfile: {
                name: `${customer} ${country}`,
                size: '251to1000employees',
                address: {
                    addressLine1: `${1 + (i % 200)} Main Street`,
                    city: 'Springfield',
                    state: '',
                    postalCode: '00000',
                    country
                },
                team: [
                    {
                        firstName: 'Pat',
                        lastName: `Customer${i}`,
                        phoneNumber: '5550100',
                        email: `pat.customer${i}@customer.example`
                    }
                ],
                ids: []
            },
            consent: {
                consentToToShareInfoWithOthers: true,
                consentToContact: true,
                consentToShareReferralWithMicrosoftSellers: true
            },
            details: {
                notes: `Generated referral ${i + 1}.`,
                dealValue: 1000 * (1 + Math.floor(random() * 500)),
                currency: CURRENCIES[country],
                closingDateTime: formatTicks(createdTicks + 90n * 86_400_000n * 10_000n).slice(0, 10) + 'T00:00:00Z',
                requirements: {
                    solutions: [{ id: solutionId, name: `${workload} accelerator`, type: 'Name', solutionType: '3P' }]
                }
            },
            team: [
                {
                    firstName: 'Sam',
                    lastName: 'Seller',
                    phoneNumber: '4255550100',
                    email: 'sam.seller@contoso-partner.example'
                }
            ],
            inviteContext: incoming
                ? {
                      notes: 'Please engage.',
                      assistanceRequestCode: 'CustomerTechnicalArchitecture',
                      invitedBy: { organizationId: 'msft', organizationName: 'Microsoft' }
                  }
                : { assistanceRequestCode: 'GeneralOrOther' },
            links: {
                relatedReferrals: {
                    uri: `${base}/v1.0/engagements/referrals?$filter=engagementId eq '${engagementId}'`,
                    method: 'GET'
                },
                self: { uri: `${base}/v1.0/engagements/referrals/${id}`, method: 'GET' }
            },
            trackingInfo: { microsoftMsxId: incoming ? `7-${(100000 + i).toString(36).toUpperCase()}` : null },
            registrations: []
        });
    }
    return referrals;
}
