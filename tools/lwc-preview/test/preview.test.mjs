// Real-browser tests: the tsc-emitted co-sell LWCs with real lightning base components and SLDS in headless Debian
// Chromium, driven by the stateful fixtures. Screenshots go to <repo>/test-output/screenshots/.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startPreviewServer } from '../server/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const screenshots = join(repoRoot, 'test-output/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
];
// Base components log these in synthetic shadow; they do not indicate a problem in our components.
const KNOWN_NOISE = [/synthetic/i, /aria/i, /\[LWC warn\]/i];

let server;
let context;
let profile;
let page;
let problems;

async function scenario(body) {
    const response = await fetch(new URL('/__preview/scenario', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body)
    });
    assert.equal(response.status, 200, await response.text());
}

/** Waits for the component to render; fails at once (with the page's errors) if the bundle does not mount. */
async function waitForMount(locator) {
    try {
        await locator.waitFor({ timeout: 15000 });
    } catch (error) {
        throw new Error(`The component did not render. Page problems: ${JSON.stringify(problems)}`, { cause: error });
    }
}

async function openCard(cardScenario, extra = {}) {
    await scenario({ card: cardScenario, ...extra });
    await page.goto(`${server.url}?view=card`);
    await waitForMount(page.locator('c-co-sell-card [data-id="status"]'));
}

async function openSetup(setupScenario, extra = {}) {
    await scenario({ setup: setupScenario, ...extra });
    await page.goto(`${server.url}?view=setup`);
    await waitForMount(page.locator('c-co-sell-setup [data-id="steps"] li').first());
}

function card(selector) {
    return page.locator(`c-co-sell-card ${selector}`);
}

function setup(selector) {
    return page.locator(`c-co-sell-setup ${selector}`);
}

async function status() {
    return card('[data-id="status"]').getAttribute('data-status');
}

async function shot(name) {
    await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

async function toasts() {
    return page.evaluate(() => window.__previewToasts);
}

before(async () => {
    mkdirSync(screenshots, { recursive: true });
    server = await startPreviewServer({ port: 0 });
    profile = mkdtempSync(join(tmpdir(), 'cosell-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: ARGS,
        viewport: { width: 1280, height: 900 }
    });
});

after(async () => {
    await context?.close();
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
});

beforeEach(async () => {
    page?.isClosed() === false && (await page.close());
    page = await context.newPage();
    page.setDefaultTimeout(15000);
    problems = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
        const text = message.text();
        // HTTP failures are recorded with their URL by the response listener below.
        if (message.type() === 'error' && !text.startsWith('Failed to load resource')) {
            if (!KNOWN_NOISE.some((pattern) => pattern.test(text))) problems.push(`console: ${text}`);
        }
    });
    page.on('response', (response) => {
        if (response.status() >= 400) {
            problems.push(`http ${response.status()}: ${new URL(response.url()).pathname}`);
        }
    });
});

/**
 * @param {string[]} expected HTTP failures the test provoked on purpose, e.g. 'http 500: /apex/X.y'
 */
function assertNoPageErrors(expected = []) {
    assert.deepEqual(
        problems.filter((problem) => !expected.includes(problem)),
        [],
        'the page logged errors'
    );
}

describe('co-sell card in Chromium', () => {
    for (const name of ['empty', 'not-shared', 'pending', 'synced', 'error', 'conflict', 'auth-blocked', 'incoming', 'read-only']) {
        it(`renders the ${name} state with real base components`, async () => {
            await openCard(name);
            // lightning-card rendered its SLDS markup, and labels resolved from CustomLabels.
            await card('article.slds-card').waitFor();
            assert.equal(await card('.slds-card__header-title').first().innerText(), 'Co-sell with Microsoft');
            assert.equal(await page.locator('#preview-mode').textContent(), 'Preview (fixtures)', 'the header names the mode');
            assert.ok((await card('[data-id="status-label"]').innerText()).length > 0);
            assert.ok(!(await card('[data-id="status-label"]').innerText()).startsWith('c.'));
            await shot(`card-${name}`);
            assertNoPageErrors();
        });
    }

    it('shares with Microsoft: pre-flight, confirm, Pending, then Synced through the live status event', async () => {
        await openCard('not-shared', { syncDelayMs: 1200 });
        assert.equal(await status(), 'NotShared');

        await card('[data-id="share"] button').click();
        await card('[data-id="share-panel"]').waitFor();
        assert.match(await card('[data-id="share-ready"]').innerText(), /Everything Partner Center needs is here/);
        await card('[data-id="share-panel"] summary').click();
        assert.match(await card('[data-id="share-payload"]').innerText(), /"dealValue": 250000/);
        await shot('card-share-preflight');

        await card('[data-id="share-confirm"] button').click();
        await page.waitForFunction(() => window.__previewToasts.some((t) => t.variant === 'success'));
        assert.equal(await status(), 'Pending');
        assert.match(await card('[data-id="referral-id"]').innerText(), /a1b2c3d4-/);
        await shot('card-share-pending');

        // The fixture backend finishes the outbound job and publishes CoSellStatusChange__e; empApi refreshes the card.
        await card('[data-id="status"][data-status="Synced"]').waitFor({ timeout: 10000 });
        assert.equal(await card('[data-id="sync-now"]').count(), 1);
        assert.match(await card('[data-id="timeline"] li').first().innerText(), /Sent to Partner Center: Create/);
        await shot('card-share-synced');
        assertNoPageErrors();
    });

    it('blocks sharing and lists the problems when Partner Center would reject the opportunity', async () => {
        await openCard('empty');
        await card('[data-id="share"] button').click();
        await card('[data-id="share-problems"]').waitFor();
        const problemsText = await card('[data-id="share-problems"]').innerText();
        assert.match(problemsText, /Add at least one Microsoft solution/);
        assert.match(problemsText, /Enter an amount greater than zero/);
        assert.equal(await card('[data-id="share-confirm"] button').isDisabled(), true);
        await shot('card-share-problems');

        await page.keyboard.press('Escape');
        await card('[data-id="share-panel"]').waitFor({ state: 'detached' });
        assertNoPageErrors();
    });

    it('adds a solution through search, then removes it', async () => {
        await openCard('empty');
        await card('[data-id="solution-search"] input').fill('zero trust');
        await card('[data-id="solution-search"] input').press('Enter');
        await card('[data-id="add-solution"]').first().waitFor();
        await card('[data-id="add-solution"] button').first().click();
        await card('[data-id="solutions"] li').first().waitFor();
        assert.match(await card('[data-id="solutions"]').innerText(), /Contoso Zero Trust Assessment/);

        await card('[data-id="remove-solution"] button').first().click();
        await card('[data-id="no-solutions"]').waitFor();
        assertNoPageErrors();
    });

    it('changes "How can Microsoft help?" with the real combobox', async () => {
        await openCard('not-shared');
        await card('[data-id="help"] button').click();
        await card('lightning-base-combobox-item[data-value="QuotesOrLicensing"]').click();
        await page.waitForFunction(() =>
            window.__previewToasts.some((t) => t.message === 'Saved how Microsoft can help.')
        );
        assert.match(await card('[data-id="help"] button').innerText(), /Quotes or licensing/);
        assertNoPageErrors();
    });

    it('accepts an incoming referral', async () => {
        await openCard('incoming', { syncDelayMs: 600 });
        assert.match(await card('[data-id="expiry"]').innerText(), /Respond within 8 days|Respond within 9 days/);
        await shot('card-incoming-expiry');

        await card('[data-id="accept"] button').click();
        await page.waitForFunction(() => window.__previewToasts.some((t) => t.message.startsWith('Referral accepted')));
        assert.equal(await card('[data-id="pc-substatus"]').innerText(), 'Accepted');
        assert.equal(await card('[data-id="accept"]').count(), 0);
        assert.equal(await card('[data-id="expiry"]').count(), 0);
        await card('[data-id="status"][data-status="Synced"]').waitFor({ timeout: 10000 });
        await shot('card-accepted');
        assertNoPageErrors();
    });

    it('declines an incoming referral with a reason (required)', async () => {
        await openCard('incoming');
        await card('[data-id="decline"] button').click();
        await card('[data-id="decline-panel"]').waitFor();
        await card('[data-id="decline-confirm"] button').click();
        await card('[data-id="action-error"]').waitFor();
        assert.match(await card('[data-id="action-error"]').innerText(), /Enter a reason/);

        await card('[data-id="decline-reason"] textarea').fill('Customer chose another partner');
        await shot('card-decline-form');
        await card('[data-id="decline-confirm"] button').click();
        await card('[data-id="decline-panel"]').waitFor({ state: 'detached' });
        assert.equal(await card('[data-id="pc-substatus"]').innerText(), 'Declined');
        assert.equal(await card('[data-id="status-reason"]').innerText(), 'Customer chose another partner');
        assert.equal(await card('[data-id="actions"]').count(), 0);
        await shot('card-declined');
        assertNoPageErrors();
    });

    for (const [choice, dealValue] of [
        ['keep-ours', '250,000'],
        ['take-theirs', '275,000']
    ]) {
        it(`resolves a conflict: ${choice}`, async () => {
            await openCard('conflict');
            await card('[data-id="resolve-conflict"] button').click();
            await card('[data-id="conflict-diff"]').waitFor();
            const diff = await card('[data-id="conflict-diff"] tbody').innerText();
            assert.match(diff, /Close Date\s+2026-12-31\s+2027-01-15/);
            if (choice === 'keep-ours') await shot('card-conflict-diff');

            await card(`[data-id="${choice}"] button`).click();
            await card('[data-id="status"][data-status="Synced"]').waitFor();
            assert.equal(await card('[data-id="deal-value"]').innerText(), dealValue);
            assertNoPageErrors();
        });
    }

    it('retries after an error and explains a failure in plain words', async () => {
        await openCard('error', { fail: ['CoSellCardController.retry'] });
        assert.match(await card('[data-id="last-error"]').innerText(), /use a 2-letter code such as US or DE/);

        await card('[data-id="retry"] button').click();
        await card('[data-id="action-error"]').waitFor();
        assert.match(await card('[data-id="action-error"]').innerText(), /Partner Center is unavailable/);
        const errorToast = (await toasts()).find((t) => t.variant === 'error');
        assert.equal(errorToast.title, "Couldn't retry the sync");
        await shot('card-retry-failed');

        await scenario({ card: 'error' });
        await page.reload();
        await card('[data-id="retry"] button').click();
        await card('[data-id="status"][data-status="Pending"]').waitFor();
        assertNoPageErrors(['http 500: /apex/CoSellCardController.retry']);
    });

    it('is keyboard operable: Tab reaches the share button and Enter opens the pre-flight panel', async () => {
        await openCard('not-shared');
        let reached = false;
        for (let i = 0; i < 10 && !reached; i++) {
            await page.keyboard.press('Tab');
            reached = await page.evaluate(() => {
                let el = document.activeElement;
                while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
                return Boolean(el && el.closest && el.closest('[data-id="share"]'));
            });
        }
        assert.ok(reached, 'Tab never reached the Share button');
        await page.keyboard.press('Enter');
        await card('[data-id="share-panel"]').waitFor();
        assertNoPageErrors();
    });
});

describe('co-sell setup page in Chromium', () => {
    it('renders the checklist, health, dead letters and mappings', async () => {
        await openSetup('in-progress');
        assert.equal(await setup('[data-id="steps"] > li').count(), 5);
        assert.equal(await setup('[data-step="mappings"]').getAttribute('data-status'), 'error');
        assert.equal(await setup('[data-id="dead-letters"] tbody tr').count(), 2);
        assert.equal(await setup('[data-id="mappings"] tbody tr').count(), 6);
        assert.equal(await setup('[data-id="recent-failures-count"]').innerText(), '5');
        assert.match(await setup('[data-id="lost-kick"]').innerText(), /next scheduled sweep starts them/);
        const failuresLink = setup('[data-id="recent-failures-link"]');
        assert.equal(await failuresLink.innerText(), 'Open the sync log (Failed since yesterday)');
        assert.equal(
            await failuresLink.getAttribute('href'),
            '/lightning/o/CoSellSyncLog__c/list?filterName=FailedSinceYesterday'
        );
        await shot('setup-in-progress');
        const before = page.url();
        await failuresLink.click();
        assert.deepEqual(await page.evaluate(() => window.__previewNavigations), [
            {
                pageReference: {
                    type: 'standard__objectPage',
                    attributes: { objectApiName: 'CoSellSyncLog__c', actionName: 'list' },
                    state: { filterName: 'FailedSinceYesterday' }
                },
                replace: false
            }
        ]);
        assert.equal(page.url(), before, 'the click navigates through the navigation service, not the href');
        assertNoPageErrors();
    });

    it('shows no failures link and no lost kick when the sync is healthy', async () => {
        await openSetup('done');
        await setup('[data-id="health"]').waitFor();
        assert.equal(await setup('[data-id="recent-failures-count"]').innerText(), '0');
        assert.equal(await setup('[data-id="recent-failures-link"]').count(), 0);
        assert.equal(await setup('[data-id="lost-kick"]').count(), 0);
        assertNoPageErrors();
    });

    it('registers webhooks after the overwrite warning, runs the backfill to completion, replays a dead letter', async () => {
        await openSetup('in-progress');
        await setup('[data-id="register"] button').click();
        await setup('[data-id="overwrite"]').waitFor();
        assert.match(await setup('[data-id="current-url"]').innerText(), /sandbox/);
        await shot('setup-overwrite-warning');
        await setup('[data-id="overwrite-confirm"] button').click();
        await setup('[data-id="registration-result"]').waitFor();
        await setup('[data-step="webhook"][data-status="done"]').waitFor();

        await setup('[data-id="start-backfill"] button').click();
        await setup('[data-id="backfill-bar"]').waitFor();
        await shot('setup-backfill-running');
        await setup('[data-id="backfill-state"]:text("Completed")').waitFor({ timeout: 15000 });
        assert.match(await setup('[data-id="backfill-progress"]').innerText(), /160 of 160/);

        await setup('[data-id="replay"] button').first().click();
        await page.waitForFunction(() => window.__previewToasts.some((t) => t.message === 'Queued again for delivery.'));
        assert.equal(await setup('[data-id="dead-letters"] tbody tr').count(), 1);

        await setup('[data-id="dry-run-id"] input').fill('006000000000001AAA');
        await setup('[data-id="dry-run"] button').click();
        await setup('[data-id="dry-run-result"]').waitFor();
        assert.match(await setup('[data-id="dry-run-problems"]').innerText(), /2-letter country code/);
        await shot('setup-after-actions');
        assertNoPageErrors();
    });

    it('is read-only without the Manage Co-sell Setup permission', async () => {
        await openSetup('read-only');
        await setup('[data-id="read-only"]').waitFor();
        assert.equal(await setup('[data-id="register"] button').isDisabled(), true);
        assert.equal(await setup('[data-id="start-backfill"] button').isDisabled(), true);
        await shot('setup-read-only');
        assertNoPageErrors();
    });
});
