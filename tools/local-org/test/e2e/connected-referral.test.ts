/**
 * End-to-end: co-sell with `CoSellSettings__c.SendConnectedReferral__c` on (Microsoft's two-step Shared creation,
 * spec §2.5). The package's real Apex creates our Shared referral, then the connected referral for Microsoft in the
 * same engagement; the emulator stores Microsoft's side; the Opportunity stays linked to our referral, and neither a
 * webhook nor the reconciliation poll turns Microsoft's side into a second Opportunity.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LocalOrg } from '../../src/local-org.ts';
import { card, eventually, newOpportunity, opportunity, referral, requests, startOrg, type Json } from './helpers.ts';

let org: LocalOrg;

before(async () => {
    org = await startOrg();
    org.anonymous(
        'insert new CoSellSettings__c(SetupOwnerId = UserInfo.getOrganizationId(), SendConnectedReferral__c = true);',
        'admin'
    );
});

after(async () => {
    await org?.close();
});

describe('co-sell with the connected referral for Microsoft switched on', () => {
    test('share with help → our Shared referral, then Microsoft connected to the same engagement; one Opportunity', async () => {
        const oppId = newOpportunity(org, 'Contoso - two-step co-sell');
        org.apex('CoSellCardController.share', { opportunityId: oppId, helpNeeded: 'ProofOfConceptOrDemo' });

        await eventually(org, () => {
            const rows = org.query(`SELECT Status__c FROM CoSellOutbox__c WHERE Opportunity__c = '${oppId}' AND Operation__c = 'Create'`);
            return rows.length === 1 && rows[0].Status__c === 'Done';
        }, 'the Create row to finish');
        const synced = await eventually(org, () => {
            const c = card(org, oppId);
            return c.syncStatus === 'Synced' && c.referralId ? c : null;
        }, 'the card to show Synced');

        const posts = (await requests(org, { method: 'POST', path: '^/v1\\.0/engagements/referrals$' })).filter((r) => r.status < 300);
        assert.equal(posts.length, 2, 'our referral, then the connected one');
        const [first, second] = posts.map((r) => JSON.parse(r.body) as Json);
        const ours = await referral(org, synced.referralId!);
        assert.equal(first.type, 'Shared');
        assert.equal(first.externalReferenceId, oppId, 'ours carries the Opportunity Id');
        assert.equal(second.engagementId, ours.engagementId, 'the connected POST names our engagement');
        assert.deepEqual(second.target, [{ type: 'BusinessProfileLocation', id: 'msft' }]);
        assert.equal(second.externalReferenceId, undefined, 'Microsoft\'s side does not claim our Opportunity');
        assert.notEqual(posts[0].headers['ms-requestid'], posts[1].headers['ms-requestid'], 'one idempotency key per write');

        const stored = await org.emulator.admin<Json[]>('GET', '/referrals');
        const microsoftSide = stored.filter((r) => r.engagementId === ours.engagementId && r.id !== ours.id);
        assert.equal(microsoftSide.length, 1, 'exactly one Microsoft-side referral in the engagement');
        assert.equal(microsoftSide[0].organizationId, 'msft');
        assert.equal(opportunity(org, oppId).CoSellReferralId__c, ours.id, 'the Opportunity stays linked to our referral');

        org.session.fireScheduled('CoSellReconciliationJob');
        await org.settle();
        const linked = org.query(
            `SELECT Id FROM Opportunity WHERE CoSellReferralId__c IN ('${ours.id}', '${String(microsoftSide[0].id)}')`
        );
        assert.deepEqual(linked.map((o) => o.Id), [oppId], 'no second Opportunity for Microsoft\'s side');
        const logs = org.query(
            `SELECT Outcome__c, Message__c FROM CoSellSyncLog__c WHERE Opportunity__c = '${oppId}' AND Operation__c = 'Create' AND Outcome__c = 'Success'`
        );
        assert.equal(logs.length, 2, `both POSTs are in the audit trail: ${JSON.stringify(logs)}`);
    });
});
