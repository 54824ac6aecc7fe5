/**
 * Apex REST entry point for end-to-end wiring: `createRestInvoker(projectDir).invokeRestResource(urlPath, method,
 * headers, body)` runs the matching `@RestResource` method as one committed transaction of a persistent in-memory
 * org (queued async work and published events run after the commit, as on the platform).
 * Source: Apex Developer Guide, "Exposing Apex Classes as REST Web Services" (apex_rest_intro.htm, apex_rest_methods.htm).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { ClassInfo, MethodInfo } from '../interpreter/classes.js';
import { ApexBlob, ApexMap, NativeObject } from '../interpreter/rvalues.js';
import { prim } from '../interpreter/types.js';
import { JsonReader, JsonWriter, parseJson } from '../stdlib/json.js';
import { TxState } from '../stdlib/runtime.js';
import { loadProject } from './project.js';
import { classify, createRuntime } from './runner.js';

export interface RestResult {
    statusCode: number;
    headers: Record<string, string>;
    body: Buffer;
}

const VERBS: Record<string, string> = { GET: 'httpget', POST: 'httppost', PUT: 'httpput', PATCH: 'httppatch', DELETE: 'httpdelete' };

function mappingOf(c: ClassInfo): string | null {
    const a = c.annos.find((x) => x.name === 'restresource');
    const v = a?.params['urlmapping'];
    return typeof v === 'string' ? v : null;
}

function matches(mapping: string, path: string): boolean {
    const re = new RegExp('^' + mapping.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 'i');
    return re.test(path);
}

export function createRestInvoker(projectDir: string): {
    invokeRestResource(urlPath: string, method: string, headers: Record<string, string>, body: Buffer | null): RestResult;
} {
    const project = loadProject(projectDir);
    const { ip, rt, hooks } = createRuntime(projectDir, project);
    hooks.resetDatabase();
    const restState = (rt.natives as unknown as { restState: { request: any; response: any } }).restState;
    const resources = ip.allClasses.filter((c) => mappingOf(c) !== null);

    return {
        invokeRestResource(urlPath, method, headers, body) {
            const path = urlPath.replace(/^\/services\/apexrest/i, '').split('?')[0];
            const query = urlPath.includes('?') ? new URLSearchParams(urlPath.slice(urlPath.indexOf('?') + 1)) : new URLSearchParams();
            const cls = resources.find((c) => matches(mappingOf(c)!, path));
            if (!cls) return { statusCode: 404, headers: {}, body: Buffer.from(JSON.stringify([{ errorCode: 'NOT_FOUND', message: 'Could not find a match for URL' }])) };
            const verb = VERBS[method.toUpperCase()];
            const m: MethodInfo | undefined = [...cls.methods.values()].flat().find((x) => x.decl.annos.some((a) => a.name === verb));
            if (!m) return { statusCode: 405, headers: {}, body: Buffer.from(JSON.stringify([{ errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${method}' not allowed` }])) };

            ip.statics = new Map();
            ip.frames.length = 0;
            rt.tx = new TxState();
            rt.test.running = false;
            rt.test.asyncQueue = [];
            rt.test.events = [];
            const S = prim('string');
            const req = new NativeObject('System.RestRequest', {
                props: new Map<string, any>([
                    ['requesturi', path],
                    ['httpmethod', method.toUpperCase()],
                    ['requestbody', body ? new ApexBlob(body) : null],
                    ['remoteaddress', '127.0.0.1'],
                    ['resourcepath', `/services/apexrest${mappingOf(cls)}`],
                    ['headers', new ApexMap(S, S)],
                    ['params', new ApexMap(S, S)],
                    ['cookies', new ApexMap(S, S)],
                ]),
            });
            for (const [k, v] of Object.entries(headers)) (req.data.props.get('headers') as ApexMap).put(k, v);
            for (const [k, v] of query) (req.data.props.get('params') as ApexMap).put(k, v);
            const res = new NativeObject('System.RestResponse', {
                props: new Map<string, any>([
                    ['statuscode', null],
                    ['responsebody', null],
                    ['headers', new ApexMap(S, S)],
                ]),
            });
            restState.request = req;
            restState.response = res;
            const db = rt.extensions.get('db');
            const sp = db.snapshot();
            let returned: any = null;
            try {
                const args = m.decl.params.map((p) => {
                    if (!body || !body.length) return null;
                    const json = parseJson(body.toString('utf8'));
                    const v = json instanceof Map ? json.get(p.name) ?? null : null;
                    return new JsonReader(rt, false).typed(v, ip.resolveType(p.type, m.owner), '$');
                });
                returned = ip.invoke(m, null, args);
            } catch (e) {
                db.restore(sp);
                const c = classify(ip, e);
                return {
                    statusCode: 500,
                    headers: { 'Content-Type': 'application/json' },
                    body: Buffer.from(JSON.stringify([{ errorCode: 'APEX_ERROR', message: `${c.message}\n\n${c.stack ?? ''}` }])),
                };
            }
            // commit: after-commit work runs now (jobs, then events, until both queues are empty)
            for (let round = 0; round < 20 && (rt.test.asyncQueue.length || rt.test.events.length); round++) {
                rt.extensions.get('drainAsync')?.(rt);
                rt.extensions.get('deliverEvents')?.(rt);
            }
            const outHeaders: Record<string, string> = {};
            for (const [k, v] of (res.data.props.get('headers') as ApexMap).map.values()) outHeaders[String(k)] = String(v);
            let outBody: Buffer = Buffer.alloc(0);
            const rb = res.data.props.get('responsebody');
            if (rb instanceof ApexBlob) outBody = rb.bytes;
            else if (m.decl.ret !== null && returned !== null) {
                outBody = Buffer.from(JsonWriter.write(new JsonWriter(rt, false).toTree(returned), false));
                if (!outHeaders['Content-Type']) outHeaders['Content-Type'] = 'application/json';
            }
            const sc = res.data.props.get('statuscode');
            return { statusCode: typeof sc === 'number' ? sc : 200, headers: outHeaders, body: outBody };
        },
    };
}

/** Convenience for a single call (creates a fresh org each time). */
export function invokeRestResource(projectDir: string, urlPath: string, method: string, headers: Record<string, string>, body: Buffer | null): RestResult {
    return createRestInvoker(projectDir).invokeRestResource(urlPath, method, headers, body);
}
