/**
 * Smoke test of `npm start`: the app on free ports with a temporary state folder; the preview page and one Apex call
 * proxied to the real controller; the state survives a restart.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startApp, type App } from '../../src/cli.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'local-org-'));
let app: App | null = null;

after(async () => {
    await app?.close();
    rmSync(stateDir, { recursive: true, force: true });
});

test('npm start serves the card through the preview, proxied to the real Apex, and keeps its state', async () => {
    app = await startApp({ port: 0, previewPort: 0, stateDir, log: () => undefined });
    const page = await fetch(app.previewUrl);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html/i);

    const res = await fetch(new URL('apex/CoSellCardController.getCard', app.previewUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ opportunityId: app.demo.shared }),
    });
    assert.equal(res.status, 200);
    const card = (await res.json()) as { opportunityName: string; syncStatus: string; referralId: string | null };
    assert.equal(card.opportunityName, 'Litware - analytics modernisation');
    assert.equal(card.syncStatus, 'Synced', 'the demo Opportunity was shared with the emulator');
    assert.ok(card.referralId);
    assert.ok(app.demo.incoming, 'the incoming demo referral created an Opportunity');

    const denied = await fetch(new URL('apex/CoSellCardController.noSuchMethod', app.previewUrl), { method: 'POST', body: '{}' });
    assert.equal(denied.status, 404);

    const { demo } = app;
    await app.close();
    app = null;
    assert.ok(existsSync(join(stateDir, 'state.json')));
    app = await startApp({ port: 0, previewPort: 0, stateDir, log: () => undefined });
    assert.equal(app.org.session.restored, true);
    assert.deepEqual(app.demo, demo, 'no second demo seeding');
    const again = app.org.apex<{ syncStatus: string; referralId: string }>('CoSellCardController.getCard', { opportunityId: demo.shared });
    assert.equal(again.referralId, card.referralId);
    const referral = await app.org.emulator.admin<{ id: string }>('GET', `/referrals/${card.referralId}`);
    assert.equal(referral.id, card.referralId, 'the emulator kept its referrals too');
});
