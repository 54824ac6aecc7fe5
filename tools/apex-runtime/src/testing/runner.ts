/**
 * Runs the @IsTest methods of an sfdx project: each method in its own transaction, @TestSetup data created once per
 * class and restored for each method from a database snapshot, static state reset per method.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { ApexError, type ExceptionState } from '../interpreter/exceptions.js';
import { Interpreter } from '../interpreter/interpreter.js';
import type { ClassInfo, MethodInfo } from '../interpreter/classes.js';
import { PlatformError, isUnsupportedError } from '../values/errors.js';
import { createRegistry } from '../stdlib/index.js';
import { Runtime, TxState } from '../stdlib/runtime.js';
import { DataBridge } from '../stdlib/data-bridge.js';
import { loadOrgSchema } from '../data/schema.js';
import { isTestUnit, loadProject, type LoadedProject } from './project.js';
import { installTestHooks, type TestHooks } from './hooks.js';
import { installDml } from '../stdlib/dml.js';
import { installSchema } from '../stdlib/schema.js';
import { installAsync } from '../stdlib/async.js';
import { installEventBus } from '../stdlib/eventbus.js';

export type Outcome = 'PASS' | 'FAIL' | 'ERROR' | 'UNSUPPORTED';

export interface TestResult {
    className: string;
    methodName: string;
    outcome: Outcome;
    message?: string;
    stack?: string;
    ms: number;
}

export interface RunOptions {
    filter?: string[];
    coverage?: boolean;
    cacheDir?: string | null;
    onResult?: (r: TestResult) => void;
    debug?: boolean;
}

export interface RunSummary {
    results: TestResult[];
    coverage: Map<string, { covered: number[]; uncovered: number[] }> | null;
    project: LoadedProject;
    ms: number;
}

/** Creates an interpreter + runtime for a loaded project (used by the runner and by the REST entry point). */
export function createRuntime(projectDir: string, project: LoadedProject): { ip: Interpreter; rt: Runtime; hooks: TestHooks } {
    const schema = loadOrgSchema(projectDir);
    const registry = createRegistry();
    const ip = new Interpreter(project.units, registry);
    const rt = new Runtime(ip, registry, new DataBridge(schema));
    installDml(registry, rt, schema);
    installSchema(registry, rt);
    installAsync(registry, rt);
    installEventBus(registry, rt);
    const hooks = installTestHooks(rt);
    return { ip, rt, hooks };
}

function isTestMethod(m: MethodInfo): boolean {
    return m.decl.annos.some((a) => a.name === 'istest') || m.decl.mods.includes('testmethod');
}

function matches(filter: string[] | undefined, cls: string, method?: string): boolean {
    if (!filter || filter.length === 0) return true;
    return filter.some((f) => {
        const [c, m] = f.split('.');
        if (c.toLowerCase() !== cls.toLowerCase()) return false;
        return !m || !method || m.toLowerCase() === method.toLowerCase();
    });
}

/** Classifies a thrown value as a test outcome. */
export function classify(ip: Interpreter, e: unknown): { outcome: Outcome; message: string; stack?: string } {
    if (isUnsupportedError(e)) return { outcome: 'UNSUPPORTED', message: (e as Error).message };
    let ae: ApexError | null = null;
    if (e instanceof ApexError) ae = e;
    else if (e instanceof PlatformError) ae = ip.toApexError(e);
    if (ae) {
        const st = ae.obj.native as ExceptionState;
        if (ae.obj.cls.name === 'System.AssertException') return { outcome: 'FAIL', message: `${ae.obj.cls.name}: ${st.message ?? ''}`, stack: st.stack };
        return { outcome: 'ERROR', message: `${ae.obj.cls.name}: ${st.message ?? ''}`, stack: st.stack };
    }
    const err = e as Error;
    return { outcome: 'ERROR', message: `internal runtime error: ${err?.message ?? String(e)}`, stack: err?.stack?.split('\n').slice(1, 6).join('\n') };
}

export function runTests(projectDir: string, opts: RunOptions = {}): RunSummary {
    const t0 = performance.now();
    const project = loadProject(projectDir, opts.cacheDir === undefined ? undefined : opts.cacheDir);
    const { ip, rt, hooks } = createRuntime(projectDir, project);
    rt.echoDebug = !!opts.debug;
    if (opts.coverage) ip.coverage = new Map();
    const results: TestResult[] = [];
    const testClasses: ClassInfo[] = [];
    for (const u of project.units) {
        if (u.unit.k === 'class' && isTestUnit(u.unit)) {
            const ci = ip.classes.get(u.unit.name.toLowerCase());
            if (ci && matches(opts.filter, ci.name)) testClasses.push(ci);
        }
    }
    testClasses.sort((a, b) => a.name.localeCompare(b.name));
    for (const cls of testClasses) {
        const all = [...cls.methods.values()].flat();
        const tests = all.filter((m) => isTestMethod(m) && matches(opts.filter, cls.name, m.decl.name));
        if (tests.length === 0) continue;
        const setups = all.filter((m) => m.decl.annos.some((a) => a.name === 'testsetup'));
        hooks.resetDatabase();
        let setupError: { outcome: Outcome; message: string; stack?: string } | null = null;
        if (setups.length) {
            beginTransaction(ip, rt);
            try {
                for (const s of setups) ip.invoke(s, null, []);
                hooks.finishTransaction();
            } catch (e) {
                setupError = classify(ip, e);
            }
        }
        const snapshot = hooks.snapshot();
        for (const m of tests) {
            const start = performance.now();
            let r: TestResult;
            if (setupError) {
                r = { className: cls.name, methodName: m.decl.name, ...setupError, message: `@TestSetup failed: ${setupError.message}`, ms: 0 };
            } else {
                hooks.restore(snapshot);
                beginTransaction(ip, rt);
                try {
                    ip.invoke(m, null, []);
                    hooks.finishTransaction();
                    r = { className: cls.name, methodName: m.decl.name, outcome: 'PASS', ms: 0 };
                } catch (e) {
                    r = { className: cls.name, methodName: m.decl.name, ...classify(ip, e), ms: 0 };
                }
            }
            r.ms = Math.round(performance.now() - start);
            results.push(r);
            opts.onResult?.(r);
        }
    }
    let coverage: RunSummary['coverage'] = null;
    if (ip.coverage) {
        coverage = new Map();
        for (const u of project.units) {
            if (u.unit.k === 'class' && isTestUnit(u.unit)) continue;
            const lines = project.coverable.get(u.file)!;
            const hit = ip.coverage.get(u.file) ?? new Set<number>();
            const covered: number[] = [];
            const uncovered: number[] = [];
            for (const l of [...lines].sort((a, b) => a - b)) (hit.has(l) ? covered : uncovered).push(l);
            coverage.set(u.file, { covered, uncovered });
        }
    }
    return { results, coverage, project, ms: performance.now() - t0 };
}

/** Fresh transaction: statics cleared, limits reset, test context on. */
export function beginTransaction(ip: Interpreter, rt: Runtime): void {
    ip.statics = new Map();
    ip.frames.length = 0;
    rt.tx = new TxState();
    rt.test.running = true;
    rt.test.startTestCalled = false;
    rt.test.inStartStop = false;
    rt.test.httpMock = null;
    rt.test.mocks.clear();
    rt.test.asyncQueue = [];
    rt.test.events = [];
    rt.test.executingAsync = false;
    rt.debugLog = [];
    const rest = (rt.natives as unknown as { restState?: { request: unknown; response: unknown } }).restState;
    if (rest) {
        rest.request = null;
        rest.response = null;
    }
    for (const reset of (rt.extensions.get('resetters') ?? []) as ((r: Runtime) => void)[]) reset(rt);
}
