/**
 * Anonymous Apex (`apex-runtime run <project-dir> <file.apex>`): executes statements as one committed transaction
 * against a fresh in-memory org, printing System.debug output. Useful for exploring behaviour while debugging.
 */
import { readFileSync } from 'node:fs';
import { Frame } from '../interpreter/frame.js';
import { parseAnonymous } from '../interpreter/parse.js';
import { TxState } from '../stdlib/runtime.js';
import { loadProject } from './project.js';
import { classify, createRuntime } from './runner.js';

export function runAnonymous(projectDir: string, file: string): { ok: boolean; debug: string[]; error?: string } {
    const project = loadProject(projectDir);
    const { ip, rt, hooks } = createRuntime(projectDir, project);
    hooks.resetDatabase();
    rt.tx = new TxState();
    rt.test.running = false;
    const block = parseAnonymous(readFileSync(file, 'utf8'));
    const f = new Frame(null, null, 'anonymous');
    ip.pushFrame(f);
    try {
        ip.execBlock(block, f);
        rt.extensions.get('drainAsync')?.(rt);
        rt.extensions.get('deliverEvents')?.(rt);
        return { ok: true, debug: rt.debugLog };
    } catch (e) {
        const c = classify(ip, e);
        return { ok: false, debug: rt.debugLog, error: `${c.outcome}: ${c.message}${c.stack ? '\n' + c.stack : ''}` };
    } finally {
        ip.popFrame();
    }
}
