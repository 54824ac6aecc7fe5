/**
 * Demo data for a fresh local org: a few Opportunities owned by the seller (one already shared with Microsoft, one
 * ready to share, one without solutions) and an incoming co-sell referral from a Microsoft seller.
 */
import type { LocalOrg } from './local-org.ts';

export interface DemoData {
    readyToShare: string;
    shared: string;
    noSolutions: string;
    incoming: string | null;
    incomingReferralId: string;
}

function opportunity(org: LocalOrg, o: { account: string; name: string; amount: number; days: number; solution?: string; contact: string }): string {
    const debug = org.anonymous(`
        Account a = new Account(Name = '${o.account}', BillingCountryCode = 'US', BillingCountry = 'United States', BillingCity = 'Seattle');
        insert a;
        Contact c = new Contact(AccountId = a.Id, FirstName = 'Alex', LastName = '${o.contact}', Email = 'alex.${o.contact.toLowerCase()}@example.com');
        insert c;
        Opportunity opp = new Opportunity(Name = '${o.name}', AccountId = a.Id, StageName = 'Qualification',
            CloseDate = Date.today().addDays(${o.days}), Amount = ${o.amount}, Description = 'Demo opportunity of the local org');
        insert opp;
        insert new OpportunityContactRole(OpportunityId = opp.Id, ContactId = c.Id, IsPrimary = true, Role = 'Decision Maker');
        ${o.solution ? `insert new CoSellSolution__c(Opportunity__c = opp.Id, SolutionId__c = '${o.solution}', SolutionName__c = '${o.account} on Azure', SolutionType__c = 'IP');` : ''}
        System.debug(opp.Id);`);
    return debug[debug.length - 1];
}

export async function seedDemo(org: LocalOrg): Promise<DemoData> {
    const readyToShare = opportunity(org, { account: 'Contoso Pharmaceuticals', name: 'Contoso - clinical data platform', amount: 180000, days: 60, solution: '1-3RB8DEMO1', contact: 'Rivera' });
    const shared = opportunity(org, { account: 'Litware Inc.', name: 'Litware - analytics modernisation', amount: 95000, days: 40, solution: '1-3RB8DEMO2', contact: 'Chen' });
    const noSolutions = opportunity(org, { account: 'Wide World Importers', name: 'Wide World - ERP migration', amount: 42000, days: 90, contact: 'Okafor' });
    org.apex('CoSellCardController.share', { opportunityId: shared, helpNeeded: 'CustomerTechnicalArchitecture' });
    const incomingReferral = await org.emulator.admin<{ id: string }>('POST', '/seller/referrals', {
        name: 'Fabrikam - Azure landing zone',
        details: { dealValue: 250000, currency: 'USD', notes: 'Customer asked Microsoft for a migration partner.' },
    });
    await org.settle();
    const rows = org.query(`SELECT Id FROM Opportunity WHERE CoSellReferralId__c = '${incomingReferral.id}'`);
    return { readyToShare, shared, noSolutions, incoming: rows.length ? String(rows[0].Id) : null, incomingReferralId: incomingReferral.id };
}
