/**
 * HTTP callouts and Apex REST (Apex Reference Guide: "Http Class", "HttpRequest Class", "HttpResponse Class",
 * "RestContext Class", "RestRequest Class", "RestResponse Class"; Apex Developer Guide: "Invoking Callouts Using
 * Apex", "Testing HTTP Callouts", "Named Credentials as Callout Endpoints", "Callout Limits and Limitations").
 *
 * In tests a callout is answered by the Test.setMock mock. Without a mock it fails as on the platform, unless an
 * `APEX_RUNTIME_CALLOUT_BASE_<NAMED_CREDENTIAL>` environment variable maps `callout:<Name>` to a loopback server
 * (used by end-to-end tests against a local emulator): the request is then sent synchronously over real HTTP.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ApexBlob, ApexList, ApexMap, ApexObject, NativeObject } from '../interpreter/rvalues.js';
import { ANY, prim } from '../interpreter/types.js';
import { PlatformError, UnsupportedError } from '../values/errors.js';
import type { NativeRegistry } from './registry.js';
import type { Runtime } from './runtime.js';
import { int, npe } from './util.js';

const S = prim('string');

interface Headers {
    order: string[];
    map: Map<string, { name: string; value: string }>;
}

function newHeaders(): Headers {
    return { order: [], map: new Map() };
}

function setHeader(h: Headers, k: string, v: string): void {
    const l = k.toLowerCase();
    if (!h.map.has(l)) h.order.push(l);
    h.map.set(l, { name: k, value: v });
}

function calloutError(msg: string): PlatformError {
    return new PlatformError('System.CalloutException', msg);
}

export function newResponse(): NativeObject {
    return new NativeObject('System.HttpResponse', { status: null, statusCode: 0, body: null as Buffer | null, headers: newHeaders() });
}

const REASONS: Record<number, string> = {
    200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
    412: 'Precondition Failed', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests',
    500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** Sends a request synchronously through a child process (the interpreter is synchronous). */
function realHttp(url: string, method: string, headers: Headers, body: Buffer | null, timeoutMs: number): { status: number; statusText: string; headers: [string, string][]; body: Buffer } {
    const script = `
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
(async () => {
  try {
    const res = await fetch(input.url, { method: input.method, headers: input.headers, body: input.body === null ? undefined : Buffer.from(input.body, 'base64'), signal: AbortSignal.timeout(input.timeout) });
    const buf = Buffer.from(await res.arrayBuffer());
    process.stdout.write(JSON.stringify({ status: res.status, statusText: res.statusText, headers: [...res.headers.entries()], body: buf.toString('base64') }));
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: String(e && e.message || e) }));
  }
})();`;
    const input = JSON.stringify({
        url,
        method,
        headers: Object.fromEntries(headers.order.map((k) => [headers.map.get(k)!.name, headers.map.get(k)!.value])),
        body: body ? body.toString('base64') : null,
        timeout: timeoutMs,
    });
    const out = execFileSync(process.execPath, ['-e', script], { input, maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs + 5000 }).toString('utf8');
    const res = JSON.parse(out);
    if (res.error) throw calloutError(`Unable to tunnel through proxy. ${res.error}`);
    return { status: res.status, statusText: res.statusText, headers: res.headers, body: Buffer.from(res.body, 'base64') };
}

export function installHttp(reg: NativeRegistry): void {
    reg.add({ name: 'System.HttpCalloutMock', key: 'httpcalloutmock', isInterface: true });
    reg.add({ name: 'System.WebServiceMock', key: 'webservicemock', isInterface: true });

    reg.add({
        name: 'System.HttpRequest',
        key: 'httprequest',
        construct: () =>
            new NativeObject('System.HttpRequest', { endpoint: null, method: null, body: null as Buffer | null, headers: newHeaders(), timeout: 10000, compressed: false }),
        methods: {
            setendpoint: (_rt, s, a) => ((s.data.endpoint = a[0]), null),
            getendpoint: (_rt, s) => s.data.endpoint,
            setmethod: (_rt, s, a) => ((s.data.method = a[0] === null ? null : String(a[0]).toUpperCase()), null),
            getmethod: (_rt, s) => s.data.method,
            setbody: (_rt, s, a) => ((s.data.body = a[0] === null ? null : Buffer.from(String(a[0]), 'utf8')), null),
            getbody: (_rt, s) => (s.data.body === null ? '' : s.data.body.toString('utf8')),
            setbodyasblob: (_rt, s, a) => ((s.data.body = a[0] === null ? null : (a[0] as ApexBlob).bytes), null),
            getbodyasblob: (_rt, s) => (s.data.body === null ? null : new ApexBlob(s.data.body)),
            setbodydocument: () => {
                throw new UnsupportedError('HttpRequest.setBodyDocument');
            },
            setheader: (_rt, s, a) => {
                if (a[0] === null) npe();
                setHeader(s.data.headers, String(a[0]), a[1] === null ? 'null' : String(a[1]));
                return null;
            },
            getheader: (_rt, s, a) => s.data.headers.map.get(String(a[0]).toLowerCase())?.value ?? null,
            settimeout: (_rt, s, a) => {
                const t = int(a[0]);
                if (t <= 0 || t > 120000) throw calloutError(`Timeout value must be between 1 and 120000 milliseconds: ${t}`);
                s.data.timeout = t;
                return null;
            },
            setcompressed: (_rt, s, a) => ((s.data.compressed = a[0] === true), null),
            getcompressed: (_rt, s) => s.data.compressed,
            setclientcertificatename: () => {
                throw new UnsupportedError('HttpRequest.setClientCertificateName');
            },
            tostring: (_rt, s) => `System.HttpRequest[Endpoint=${s.data.endpoint}, Method=${s.data.method}]`,
        },
    });

    reg.add({
        name: 'System.HttpResponse',
        key: 'httpresponse',
        construct: () => newResponse(),
        methods: {
            getbody: (_rt, s) => (s.data.body === null ? null : s.data.body.toString('utf8')),
            setbody: (_rt, s, a) => ((s.data.body = a[0] === null ? null : Buffer.from(String(a[0]), 'utf8')), null),
            getbodyasblob: (_rt, s) => (s.data.body === null ? null : new ApexBlob(s.data.body)),
            setbodyasblob: (_rt, s, a) => ((s.data.body = a[0] === null ? null : (a[0] as ApexBlob).bytes), null),
            getstatuscode: (_rt, s) => s.data.statusCode,
            setstatuscode: (_rt, s, a) => ((s.data.statusCode = int(a[0])), null),
            getstatus: (_rt, s) => s.data.status,
            setstatus: (_rt, s, a) => ((s.data.status = a[0]), null),
            getheader: (_rt, s, a) => (a[0] === null ? null : s.data.headers.map.get(String(a[0]).toLowerCase())?.value ?? null),
            setheader: (_rt, s, a) => (setHeader(s.data.headers, String(a[0]), String(a[1])), null),
            getheaderkeys: (rt, s) => rt.strList(s.data.headers.order.map((k: string) => s.data.headers.map.get(k).name)),
            getxmlstreamreader: () => {
                throw new UnsupportedError('HttpResponse.getXmlStreamReader');
            },
            tostring: (_rt, s) => `System.HttpResponse[Status=${s.data.status}, StatusCode=${s.data.statusCode}]`,
        },
    });

    reg.add({
        name: 'System.Http',
        key: 'http',
        construct: () => new NativeObject('System.Http', {}),
        methods: {
            send: (rt, _s, a) => send(rt, a[0]),
            tostring: () => 'System.Http',
        },
    });

    // ---------------------------------------------------------------- static resource mocks
    const srMock = (multi: boolean) => () =>
        new NativeObject(multi ? 'System.MultiStaticResourceCalloutMock' : 'System.StaticResourceCalloutMock', {
            resource: null,
            resources: new Map<string, string>(),
            status: null,
            statusCode: 200,
            headers: newHeaders(),
        });
    const common = {
        setstatus: (_rt: Runtime, s: NativeObject, a: any[]) => ((s.data.status = a[0]), null),
        setstatuscode: (_rt: Runtime, s: NativeObject, a: any[]) => ((s.data.statusCode = int(a[0])), null),
        setheader: (_rt: Runtime, s: NativeObject, a: any[]) => (setHeader(s.data.headers, String(a[0]), String(a[1])), null),
    };
    reg.add({
        name: 'System.StaticResourceCalloutMock',
        key: 'staticresourcecalloutmock',
        construct: srMock(false),
        supers: ['httpcalloutmock'],
        methods: { ...common, setstaticresource: (_rt, s, a) => ((s.data.resource = String(a[0])), null) },
    });
    reg.add({
        name: 'System.MultiStaticResourceCalloutMock',
        key: 'multistaticresourcecalloutmock',
        construct: srMock(true),
        supers: ['httpcalloutmock'],
        methods: { ...common, setstaticresource: (_rt, s, a) => (s.data.resources.set(String(a[0]), String(a[1])), null) },
    });

    // ---------------------------------------------------------------- Apex REST
    const props = (entries: [string, any][]): Map<string, any> => new Map(entries);
    reg.add({
        name: 'System.RestRequest',
        key: 'restrequest',
        construct: () =>
            new NativeObject('System.RestRequest', {
                props: props([
                    ['requesturi', null],
                    ['httpmethod', null],
                    ['requestbody', null],
                    ['remoteaddress', null],
                    ['resourcepath', null],
                    ['headers', new ApexMap(S, S)],
                    ['params', new ApexMap(S, S)],
                    ['cookies', new ApexMap(S, ANY)],
                ]),
            }),
        methods: {
            addheader: (_rt, s, a) => ((s.data.props.get('headers') as ApexMap).put(a[0], a[1]), null),
            addparameter: (_rt, s, a) => ((s.data.props.get('params') as ApexMap).put(a[0], a[1]), null),
        },
    });
    reg.add({
        name: 'System.RestResponse',
        key: 'restresponse',
        construct: () =>
            new NativeObject('System.RestResponse', {
                props: props([
                    ['statuscode', null],
                    ['responsebody', null],
                    ['headers', new ApexMap(S, S)],
                ]),
            }),
        methods: {
            addheader: (_rt, s, a) => ((s.data.props.get('headers') as ApexMap).put(a[0], a[1]), null),
        },
    });
    const restState = { request: null as any, response: null as any };
    reg.add({
        name: 'System.RestContext',
        key: 'restcontext',
        getStatic: (_rt, l) => (l === 'request' ? restState.request : l === 'response' ? restState.response : undefined),
        setStatic: (_rt, l, v) => {
            if (l === 'request') restState.request = v;
            else if (l === 'response') restState.response = v;
            else throw new UnsupportedError(`RestContext.${l}`);
        },
    });
    (reg as any).restState = restState;
}

/** Resolves `callout:Name/path` against the project's Named Credentials. */
function resolveEndpoint(rt: Runtime, endpoint: string): { url: string; credential: string | null } {
    const m = /^callout:([A-Za-z0-9_]+(?:__[A-Za-z0-9_]+)?)(.*)$/.exec(endpoint);
    if (!m) return { url: endpoint, credential: null };
    const nc = rt.data.schema.namedCredentials.get(m[1].toLowerCase()) ?? [...rt.data.schema.namedCredentials.values()].find((x) => x.name.toLowerCase() === m[1].toLowerCase());
    if (!nc) throw calloutError(`The callout couldn't access the endpoint. You might not have the required permissions, or the named credential "${m[1]}" might not exist.`);
    return { url: nc.endpoint.replace(/\/$/, '') + m[2], credential: nc.name };
}

/** A host-provided callout handler (`rt.extensions.set('calloutTransport', fn)`); null = not handled. */
export type CalloutTransport = (req: {
    endpoint: string;
    url: string;
    credential: string | null;
    method: string;
    headers: [string, string][];
    body: Buffer | null;
    timeoutMs: number;
}) => { status: number; statusText?: string; headers: [string, string][]; body: Buffer } | null;

function send(rt: Runtime, req: any): NativeObject {
    if (req === null || req === undefined) npe();
    if (!(req instanceof NativeObject) || req.typeName !== 'System.HttpRequest') throw new UnsupportedError('Http.send with a non-HttpRequest');
    if (rt.tx.inTrigger > 0) throw calloutError('Callout from triggers are currently not supported.');
    if (rt.tx.uncommittedWork) throw calloutError('You have uncommitted work pending. Please commit or rollback before calling out');
    const refused = rt.extensions.get('calloutAllowed')?.();
    if (refused) throw calloutError(refused);
    const endpoint = req.data.endpoint;
    if (!endpoint) throw calloutError('Endpoint URL is null');
    if (!req.data.method) throw calloutError('Method is null');
    rt.limit('callouts');
    const { url, credential } = resolveEndpoint(rt, String(endpoint));
    const mock = rt.test.running ? rt.test.httpMock : null;
    if (mock) return mockResponse(rt, mock, req);
    // An embedding host (the org session in src/org/) may answer callouts itself: it routes named credentials to
    // loopback servers and adds the credential's Authorization header, as an authenticated External Credential does.
    const transport = rt.extensions.get('calloutTransport') as CalloutTransport | undefined;
    if (transport) {
        const headers: [string, string][] = req.data.headers.order.map((k: string) => [req.data.headers.map.get(k).name, req.data.headers.map.get(k).value]);
        const r = transport({ endpoint: String(endpoint), url, credential, method: req.data.method, headers, body: req.data.body, timeoutMs: req.data.timeout });
        if (r) {
            const res = newResponse();
            res.data.statusCode = r.status;
            res.data.status = r.statusText || REASONS[r.status] || null;
            res.data.body = r.body;
            for (const [k, v] of r.headers) setHeader(res.data.headers, k, v);
            return res;
        }
    }
    const base = credential ? process.env[`APEX_RUNTIME_CALLOUT_BASE_${credential}`] ?? process.env[`APEX_RUNTIME_CALLOUT_BASE_${credential.toUpperCase()}`] : undefined;
    if (base) {
        const m = /^callout:[^/?]+(.*)$/.exec(String(endpoint));
        const target = base.replace(/\/$/, '') + (m ? m[1] : '');
        const r = realHttp(target, req.data.method, req.data.headers, req.data.body, req.data.timeout);
        const res = newResponse();
        res.data.statusCode = r.status;
        res.data.status = r.statusText || REASONS[r.status] || null;
        res.data.body = r.body;
        for (const [k, v] of r.headers) setHeader(res.data.headers, k, v);
        return res;
    }
    if (rt.test.running) throw calloutError('Methods defined as TestMethod do not support Web service callouts');
    throw new UnsupportedError(`a real callout to ${url} (set APEX_RUNTIME_CALLOUT_BASE_${credential ?? '<NAME>'} to route it to a local server)`);
}

function mockResponse(rt: Runtime, mock: any, req: NativeObject): NativeObject {
    if (mock instanceof ApexObject) {
        const res = rt.callApex(mock, 'respond', [req]);
        if (res === null) throw calloutError('The HttpCalloutMock returned a null response');
        return res;
    }
    if (mock instanceof NativeObject && (mock.typeName === 'System.StaticResourceCalloutMock' || mock.typeName === 'System.MultiStaticResourceCalloutMock')) {
        let name: string | null = mock.data.resource;
        if (mock.typeName === 'System.MultiStaticResourceCalloutMock') {
            name = null;
            for (const [ep, r] of mock.data.resources as Map<string, string>) if (ep === req.data.endpoint) name = r;
            if (!name) throw calloutError(`No static resource mapped for endpoint ${req.data.endpoint}`);
        }
        const sr = rt.data.schema.staticResources.get(String(name).toLowerCase());
        if (!sr) throw calloutError(`Static Resource not found: ${name}`);
        const res = newResponse();
        res.data.body = readFileSync(sr.path);
        res.data.statusCode = mock.data.statusCode;
        res.data.status = mock.data.status;
        for (const k of mock.data.headers.order) setHeader(res.data.headers, mock.data.headers.map.get(k).name, mock.data.headers.map.get(k).value);
        return res;
    }
    throw new UnsupportedError('Test.setMock with this mock type');
}

void ApexList;
