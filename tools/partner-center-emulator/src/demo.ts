/**
 * Demo data for the local org: incoming referrals as Microsoft sellers would share them. Each entry is an override
 * for {@link AdminHelpers.createIncomingReferral}, so the server fills ids, eTags, timestamps and the expiry.
 */

/** Overrides for three incoming referrals in different states. */
export function demoReferrals(): Record<string, unknown>[] {
    return [
        {
            name: 'Fabrikam - Azure migration',
            details: { dealValue: 120000, currency: 'USD', closingDateTime: '2027-03-31T00:00:00Z' }
        },
        {
            name: 'Northwind - Microsoft 365 training',
            type: 'Independent',
            substatus: 'Received',
            customerProfile: {
                name: 'Northwind Traders',
                size: '51to250employees',
                address: {
                    addressLine1: '20 Harbour Rd',
                    city: 'Leeds',
                    state: '',
                    postalCode: 'LS1 4AP',
                    country: 'GB'
                },
                team: [
                    {
                        firstName: 'Joe',
                        lastName: 'Hansen',
                        phoneNumber: '441130000000',
                        email: 'joe.hansen@northwind.example'
                    }
                ]
            },
            details: {
                notes: 'We need help training 200 employees on Microsoft 365.',
                dealValue: 15000,
                currency: 'GBP',
                closingDateTime: '2027-01-31T00:00:00Z'
            },
            inviteContext: { assistanceRequestCode: 'Unknown', notes: 'Hi partner, hoping you can help this customer.' }
        },
        {
            name: 'Tailspin Toys - Dynamics 365 Sales',
            status: 'Active',
            substatus: 'Accepted',
            expirationDateTime: null,
            customerProfile: {
                name: 'Tailspin Toys',
                address: {
                    addressLine1: '5 Airfield Way',
                    city: 'Toulouse',
                    state: '',
                    postalCode: '31000',
                    country: 'FR'
                },
                team: [
                    {
                        firstName: 'Marie',
                        lastName: 'Dubois',
                        phoneNumber: '33500000000',
                        email: 'marie.dubois@tailspin.example'
                    }
                ]
            },
            details: { dealValue: 48000, currency: 'EUR', closingDateTime: '2027-02-28T00:00:00Z' },
            trackingInfo: { microsoftMsxId: '7-3TAILSPIN1' }
        }
    ];
}
