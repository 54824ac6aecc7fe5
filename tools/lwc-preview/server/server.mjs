// The preview's tiny HTTP server (loopback only): the page, the bundle, SLDS, the Apex seam and platform events.
//
//   POST /apex/<Class>.<method>   body: JSON parameters → 200 JSON result | 4xx/5xx JSON { message, exceptionType }
//   POST /ui-api/record           body: { recordId, fields } → a UI API RecordRepresentation (getRecord wire)
//   POST /ui-api/object-info      body: { objectApiName } → { apiName, fields: { <api name>: { apiName, label } } }
//   GET  /events                  server-sent events, each { channel, data: { event: { replayId }, payload } }
//   POST /__preview/publish       body: { channel, payload } → pushed to every open page (both modes)
//   POST /__preview/scenario      body: { card, setup, fail: ['Class.method'], webhookOwner, syncDelayMs } (fixtures)
//
// Modes: `fixtures` (default) answers /apex and /ui-api from createFixtureBackend; `proxy` forwards them unchanged
// to --target (for example a server that runs the real Apex controllers in tools/apex-runtime).
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ApexError, createFixtureBackend } from './fixtureBackend.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const previewRoot = resolve(here, '..');
const repoRoot = resolve(previewRoot, '../..');
const require = createRequire(import.meta.url);
const sldsAssets = join(dirname(require.resolve('@salesforce-ux/design-system/package.json')), 'assets');

const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.json': 'application/json'
};

function sendJson(res, status, body) {
    const text = body === undefined ? 'null' : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(text);
}

function sendFile(res, file) {
    if (!existsSync(file) || !statSync(file).isFile()) {
        sendJson(res, 404, { message: 'Not found' });
        return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
}

/** Joins a URL path under a base folder, refusing anything that escapes it. */
function safeJoin(base, urlPath) {
    const full = normalize(join(base, decodeURIComponent(urlPath)));
    return full === base || full.startsWith(base + sep) ? full : undefined;
}

async function readBody(req) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    if (!text) return {};
    try {
        return JSON.parse(text);
    } catch {
        throw new ApexError('Request body is not JSON.', 400, 'System.JSONException');
    }
}

/**
 * Starts the preview server.
 * @param {object} [options]
 * @param {number} [options.port] 0 picks a free port
 * @param {'fixtures'|'proxy'} [options.mode]
 * @param {string} [options.target] base URL of the backend in proxy mode
 * @param {object} [options.scenario] initial fixtures scenario
 * @returns {Promise<{ url: string, close: () => Promise<void>, publish: Function, backend?: object }>}
 */
export async function startPreviewServer({ port = 0, mode = 'fixtures', target, scenario } = {}) {
    if (mode !== 'fixtures' && mode !== 'proxy') throw new Error(`Unknown mode ${mode} (use fixtures or proxy)`);
    if (mode === 'proxy' && !target) throw new Error('Proxy mode needs --target <base URL of the Apex backend>');
    const dist = join(previewRoot, 'dist');
    if (!existsSync(join(dist, 'preview.js'))) {
        throw new Error(`${join(dist, 'preview.js')} is missing: run \`npm run build -w tools/lwc-preview\` first`);
    }

    const clients = new Set();
    let replayId = 0;
    const publish = (channel, payload) => {
        const message = JSON.stringify({ channel, data: { event: { replayId: ++replayId }, payload } });
        for (const client of clients) client.write(`data: ${message}\n\n`);
    };

    const backend =
        mode === 'fixtures'
            ? createFixtureBackend({
                  cardData: join(repoRoot, 'force-app/main/ui/lwc/coSellCard/__tests__/data'),
                  setupData: join(repoRoot, 'force-app/main/ui/lwc/coSellSetup/__tests__/data'),
                  publish
              })
            : undefined;
    backend?.reset(scenario);

    async function forward(req, res, path) {
        const body = await readBody(req);
        const response = await fetch(new URL(path, target), {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body)
        });
        res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await response.arrayBuffer()));
    }

    const server = createServer(async (req, res) => {
        const url = new URL(req.url, 'http://127.0.0.1');
        const path = url.pathname;
        try {
            if (req.method === 'GET' && (path === '/' || path === '/index.html')) {
                // The header names the mode actually serving the page, so proxy data is never mistaken for fixtures.
                const page = readFileSync(join(previewRoot, 'public/index.html'), 'utf8');
                res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
                return res.end(page.replaceAll('%PREVIEW_MODE%', mode));
            }
            if (req.method === 'GET' && path === '/preview.js') return sendFile(res, join(dist, 'preview.js'));
            if (req.method === 'GET' && path.startsWith('/slds/')) {
                const file = safeJoin(sldsAssets, path.slice('/slds/'.length));
                return file ? sendFile(res, file) : sendJson(res, 403, { message: 'Forbidden' });
            }
            if (req.method === 'GET' && path === '/events') {
                res.writeHead(200, {
                    'content-type': 'text/event-stream',
                    'cache-control': 'no-store',
                    connection: 'keep-alive'
                });
                res.write(': connected\n\n');
                clients.add(res);
                req.on('close', () => clients.delete(res));
                return undefined;
            }
            if (req.method === 'POST' && path === '/__preview/publish') {
                const { channel, payload } = await readBody(req);
                if (!channel) throw new ApexError('publish needs a channel', 400);
                publish(channel, payload ?? {});
                return sendJson(res, 200, { delivered: clients.size });
            }
            if (req.method === 'POST' && path === '/__preview/scenario') {
                if (!backend) return sendJson(res, 409, { message: 'Scenarios exist only in fixtures mode.' });
                return sendJson(res, 200, backend.reset(await readBody(req)));
            }
            if (req.method === 'POST' && (path.startsWith('/apex/') || path.startsWith('/ui-api/'))) {
                if (mode === 'proxy') return await forward(req, res, path);
                const params = await readBody(req);
                let result;
                if (path === '/ui-api/record') result = backend.record(params);
                else if (path === '/ui-api/object-info') result = backend.objectInfo(params);
                else if (path.startsWith('/apex/')) result = backend.handle(path.slice('/apex/'.length), params);
                else return sendJson(res, 404, { message: `No route for ${req.method} ${path}` });
                return sendJson(res, 200, result);
            }
            return sendJson(res, 404, { message: `No route for ${req.method} ${path}` });
        } catch (error) {
            if (error instanceof ApexError) {
                return sendJson(res, error.status, { message: error.message, exceptionType: error.exceptionType });
            }
            return sendJson(res, 500, { message: `Preview server error: ${error.message}` });
        }
    });

    await new Promise((resolveListen) => server.listen(port, '127.0.0.1', resolveListen));
    const address = server.address();
    return {
        url: `http://127.0.0.1:${address.port}/`,
        publish,
        backend,
        close: () =>
            new Promise((resolveClose) => {
                backend?.close();
                for (const client of clients) client.end();
                server.close(() => resolveClose());
                server.closeAllConnections?.();
            })
    };
}

function parseArgs(argv) {
    const args = { port: 4173, mode: 'fixtures' };
    for (let i = 0; i < argv.length; i++) {
        const [key, inline] = argv[i].split('=');
        const value = inline ?? argv[++i];
        if (key === '--port') args.port = Number(value);
        else if (key === '--mode') args.mode = value;
        else if (key === '--target') args.target = value;
        else if (key === '--card') args.scenario = { ...args.scenario, card: value };
        else if (key === '--setup') args.scenario = { ...args.scenario, setup: value };
        else throw new Error(`Unknown option ${key}`);
    }
    return args;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const args = parseArgs(process.argv.slice(2));
    const running = await startPreviewServer(args);
    console.log(`Co-sell LWC preview (${args.mode} mode) at ${running.url}`);
    console.log(`  card:  ${running.url}?view=card     setup: ${running.url}?view=setup`);
    if (args.mode === 'fixtures') {
        console.log(
            `  scenarios: POST ${running.url}__preview/scenario {"card":"synced"} (card: empty, not-shared, pending, ` +
                'synced, error, conflict, auth-blocked, incoming, read-only; setup: in-progress, read-only, done)'
        );
    }
    console.log('Press Ctrl+C to stop.');
    const stop = () => running.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
}
