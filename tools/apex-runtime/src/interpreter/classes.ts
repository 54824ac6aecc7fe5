/** Class metadata built from the AST: members indexed by lower-case name, inheritance links. */
import type { Annotation, ClassDecl, CtorDecl, FieldDecl, InitDecl, MethodDecl, PropDecl, TriggerDecl } from './ast.js';

export interface MethodInfo {
    decl: MethodDecl;
    owner: ClassInfo;
    isStatic: boolean;
    isAbstract: boolean;
}

export class ClassInfo {
    /** Display name, e.g. `Outer.Inner`. */
    readonly name: string;
    readonly lname: string;
    readonly kind: 'class' | 'interface' | 'enum' | 'trigger';
    parent: ClassInfo | null = null;
    /** Native parent type name when a class extends/implements a standard type (Exception, Queueable, ...). */
    nativeSupers: string[] = [];
    interfaces: ClassInfo[] = [];
    readonly outer: ClassInfo | null;
    readonly inner = new Map<string, ClassInfo>();
    readonly methods = new Map<string, MethodInfo[]>();
    readonly ctors: CtorDecl[] = [];
    readonly instanceMembers: (FieldDecl | InitDecl)[] = [];
    readonly staticMembers: (FieldDecl | InitDecl)[] = [];
    readonly props = new Map<string, PropDecl>();
    readonly staticFieldNames = new Set<string>();
    readonly instanceFieldNames = new Set<string>();
    readonly enumValues: string[] = [];
    readonly annos: Annotation[];
    readonly mods: string[];
    isException = false;
    /** Source file (for coverage and stack traces). */
    file: string;
    /** Top-level class name (coverage is reported per top-level class). */
    readonly topName: string;
    readonly decl: ClassDecl | TriggerDecl | null;
    resolved = false;

    constructor(decl: ClassDecl | TriggerDecl | null, name: string, outer: ClassInfo | null, file: string) {
        this.decl = decl;
        this.name = name;
        this.lname = name.toLowerCase();
        this.outer = outer;
        this.file = file;
        this.topName = outer ? outer.topName : name;
        this.kind = decl ? (decl.k === 'trigger' ? 'trigger' : decl.kind) : 'class';
        this.annos = decl && decl.k === 'class' ? decl.annos : [];
        this.mods = decl && decl.k === 'class' ? decl.mods : [];
        if (!decl) return;
        if (decl.k === 'class') this.enumValues = decl.enumValues;
        for (const m of decl.members) {
            const isStatic = 'mods' in m && m.mods.includes('static');
            switch (m.k) {
                case 'method': {
                    const key = m.name.toLowerCase();
                    const list = this.methods.get(key) ?? [];
                    list.push({
                        decl: m,
                        owner: this,
                        isStatic,
                        isAbstract: m.body === null,
                    });
                    this.methods.set(key, list);
                    break;
                }
                case 'ctor':
                    this.ctors.push(m);
                    break;
                case 'field':
                    for (const d of m.decls) (isStatic ? this.staticFieldNames : this.instanceFieldNames).add(d.name.toLowerCase());
                    (isStatic ? this.staticMembers : this.instanceMembers).push(m);
                    break;
                case 'prop':
                    this.props.set(m.name.toLowerCase(), m);
                    break;
                case 'init':
                    (m.isStatic ? this.staticMembers : this.instanceMembers).push(m);
                    break;
            }
        }
        // enums are static; a trigger's top-level declarations behave like statics of the trigger
    }

    hasAnno(name: string): boolean {
        return this.annos.some((a) => a.name === name);
    }

    /** True when this class is, extends or implements `other` (by identity). */
    isSubclassOf(other: ClassInfo): boolean {
        const seen = new Set<ClassInfo>();
        const walk = (c: ClassInfo | null): boolean => {
            if (!c || seen.has(c)) return false;
            seen.add(c);
            if (c === other) return true;
            if (c.interfaces.some((i) => walk(i))) return true;
            return walk(c.parent);
        };
        return walk(this);
    }

    /** True when this class (or an ancestor or interface) names the standard type `lname` (lower-case, no namespace). */
    hasNativeSuper(lname: string): boolean {
        const seen = new Set<ClassInfo>();
        const walk = (c: ClassInfo | null): boolean => {
            if (!c || seen.has(c)) return false;
            seen.add(c);
            if (c.nativeSupers.includes(lname)) return true;
            if (c.interfaces.some((i) => walk(i))) return true;
            return walk(c.parent);
        };
        return walk(this);
    }

    private readonly methodCache = new Map<string, MethodInfo[]>();

    /** Finds a method by name along the class chain (most derived first). Cached: the class graph is fixed. */
    findMethods(lname: string): MethodInfo[] {
        let hit = this.methodCache.get(lname);
        if (!hit) {
            hit = this.findMethodsUncached(lname);
            this.methodCache.set(lname, hit);
        }
        return hit;
    }

    private findMethodsUncached(lname: string): MethodInfo[] {
        const out: MethodInfo[] = [];
        const seen = new Set<ClassInfo>();
        const walk = (c: ClassInfo | null): void => {
            if (!c || seen.has(c)) return;
            seen.add(c);
            const ms = c.methods.get(lname);
            if (ms) out.push(...ms);
            walk(c.parent);
            for (const i of c.interfaces) walk(i);
        };
        walk(this);
        return out;
    }

    findProp(lname: string): { prop: PropDecl; owner: ClassInfo } | null {
        for (let c: ClassInfo | null = this; c; c = c.parent) {
            const p = c.props.get(lname);
            if (p) return { prop: p, owner: c };
        }
        return null;
    }
}
