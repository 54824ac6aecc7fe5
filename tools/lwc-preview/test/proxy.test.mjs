// Proxy mode: the preview forwards the Apex seam unchanged to another backend (the end-to-end issue points it at
// a server that runs the real Apex controllers). No browser needed: this checks the HTTP contract.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startPreviewServer } from '../server/server.mjs';

let backend;
let preview;
const seen = [];

before(async () => {
    backend = createServer(async (req, res) => {
        const chunks = [];
        for await (const chunk of req) chunks.push(chunk);
        seen.push({ method: req.method, url: req.url, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') });
        if (req.url === '/apex/CoSellCardController.accept') {
            res.writeHead(400, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ message: 'Only incoming referrals can be accepted.', exceptionType: 'AuraHandledException' }));
            return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ from: 'backend', url: req.url }));
    });
    await new Promise((resolve) => backend.listen(0, '127.0.0.1', resolve));
    preview = await startPreviewServer({ mode: 'proxy', target: `http://127.0.0.1:${backend.address().port}` });
});

after(async () => {
    await preview?.close();
    await new Promise((resolve) => backend.close(resolve));
});

async function post(path, body) {
    const response = await fetch(new URL(path, preview.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body)
    });
    return { status: response.status, body: await response.json() };
}

it('forwards Apex calls and UI API reads unchanged, including the parameters', async () => {
    const result = await post('/apex/CoSellCardController.getCard', { opportunityId: '006000000000001AAA' });
    assert.deepEqual(result, { status: 200, body: { from: 'backend', url: '/apex/CoSellCardController.getCard' } });
    await post('/ui-api/record', { recordId: '006000000000001AAA', fields: ['LastModifiedDate'] });
    assert.deepEqual(seen.slice(-2), [
        { method: 'POST', url: '/apex/CoSellCardController.getCard', body: { opportunityId: '006000000000001AAA' } },
        { method: 'POST', url: '/ui-api/record', body: { recordId: '006000000000001AAA', fields: ['LastModifiedDate'] } }
    ]);
});

it('passes error statuses and bodies through so the LWC sees the Apex error', async () => {
    const result = await post('/apex/CoSellCardController.accept', { opportunityId: '006000000000001AAA' });
    assert.equal(result.status, 400);
    assert.equal(result.body.message, 'Only incoming referrals can be accepted.');
});

it('refuses fixture scenarios in proxy mode', async () => {
    const result = await post('/__preview/scenario', { card: 'synced' });
    assert.equal(result.status, 409);
});

it('names proxy mode in the page header, not fixtures', async () => {
    const response = await fetch(preview.url);
    const html = await response.text();
    assert.equal(response.status, 200);
    assert.match(html, /id="preview-mode">Preview \(proxy\)</);
    assert.doesNotMatch(html, /fixtures/i);
});
