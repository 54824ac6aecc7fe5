/** Loads an sfdx project's Apex sources (classes and triggers of every package directory), parsed once and cached. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Block, ClassDecl, CompilationUnit, Stmt } from '../interpreter/ast.js';
import type { SourceUnit } from '../interpreter/interpreter.js';
import { parseUnitCached } from '../interpreter/parse.js';
import { RuntimeSetupError } from '../errors.js';

export interface LoadedProject {
    root: string;
    units: SourceUnit[];
    /** Executable lines per file (for coverage). */
    coverable: Map<string, Set<number>>;
    parseMs: number;
    lines: number;
}

const TOOL_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_CACHE_DIR = join(TOOL_ROOT, 'node_modules', '.cache', 'apex-runtime');

export function packageDirectories(root: string): string[] {
    const file = join(root, 'sfdx-project.json');
    if (!existsSync(file)) throw new RuntimeSetupError(`${root} is not an sfdx project (no sfdx-project.json)`);
    const proj = JSON.parse(readFileSync(file, 'utf8')) as { packageDirectories?: { path: string }[] };
    return (proj.packageDirectories ?? []).map((p) => resolve(root, p.path)).filter((p) => existsSync(p));
}

function walk(dir: string, out: string[]): void {
    for (const name of readdirSync(dir)) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        const p = join(dir, name);
        const st = statSync(p);
        if (st.isDirectory()) walk(p, out);
        else if (name.endsWith('.cls') || name.endsWith('.trigger')) out.push(p);
    }
}

export function loadProject(projectDir: string, cacheDir: string | null = DEFAULT_CACHE_DIR): LoadedProject {
    const root = resolve(projectDir);
    const files: string[] = [];
    const seen = new Set<string>();
    for (const d of packageDirectories(root)) {
        const found: string[] = [];
        walk(d, found);
        for (const f of found) if (!seen.has(f)) {
            seen.add(f);
            files.push(f);
        }
    }
    files.sort();
    const t0 = performance.now();
    let lines = 0;
    const units: SourceUnit[] = [];
    const coverable = new Map<string, Set<number>>();
    for (const f of files) {
        const src = readFileSync(f, 'utf8');
        lines += src.split('\n').length;
        let unit: CompilationUnit;
        try {
            unit = parseUnitCached(src, f, cacheDir);
        } catch (e) {
            throw new RuntimeSetupError(`${relative(root, f)}: ${(e as Error).message}`);
        }
        const rel = relative(root, f);
        units.push({ file: rel, unit });
        coverable.set(rel, executableLines(unit));
    }
    return { root, units, coverable, parseMs: performance.now() - t0, lines };
}

/** Lines holding statements or initialised declarations: what line coverage counts. */
export function executableLines(unit: CompilationUnit): Set<number> {
    const out = new Set<number>();
    const stmt = (s: Stmt | null): void => {
        if (!s) return;
        switch (s.k) {
            case 'block':
                s.stmts.forEach(stmt);
                return;
            case 'if':
                out.add(s.ln);
                stmt(s.then);
                stmt(s.else);
                return;
            case 'for':
            case 'foreach':
            case 'while':
            case 'do':
                out.add(s.ln);
                stmt(s.body);
                return;
            case 'try':
                stmt(s.body);
                for (const c of s.catches) block(c.body);
                if (s.fin) block(s.fin);
                return;
            case 'switch':
                out.add(s.ln);
                for (const w of s.whens) block(w.body);
                return;
            case 'runas':
                out.add(s.ln);
                block(s.body);
                return;
            default:
                out.add(s.ln);
        }
    };
    const block = (b: Block | null): void => {
        if (b) b.stmts.forEach(stmt);
    };
    const cls = (c: ClassDecl | CompilationUnit): void => {
        for (const m of c.members) {
            switch (m.k) {
                case 'method':
                case 'ctor':
                case 'init':
                    block(m.body);
                    break;
                case 'field':
                    for (const d of m.decls) if (d.init) out.add(d.ln);
                    break;
                case 'prop':
                    block(m.getter?.body ?? null);
                    block(m.setter?.body ?? null);
                    break;
            }
        }
        for (const i of c.inner) cls(i);
    };
    if (unit.k === 'trigger') block(unit.body);
    cls(unit);
    return out;
}

/** True when the class is a test class (@IsTest); such classes are excluded from coverage. */
export function isTestUnit(unit: CompilationUnit): boolean {
    return unit.k === 'class' && unit.annos.some((a) => a.name === 'istest');
}
