/**
 * Converts the ANTLR parse tree of `@apexdevtools/apex-parser` into the plain AST of ast.ts, with a disk cache keyed
 * by the SHA-256 of the source so that each file is parsed once.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import type {
    Accessor,
    Annotation,
    Block,
    ClassDecl,
    CompilationUnit,
    Expr,
    Member,
    ParamDecl,
    Stmt,
    TriggerDecl,
    TypeRef,
    WhenClause,
} from './ast.js';

const CONVERTER_VERSION = '8';

export class ApexSyntaxError extends Error {}

class CollectingListener extends ApexErrorListener {
    errors: string[] = [];
    apexSyntaxError(line: number, col: number, msg: string): void {
        this.errors.push(`${line}:${col} ${msg}`);
    }
}

type Ctx = any;

function nameOf(c: any): string {
    return c.constructor.name as string;
}

export function unescapeApexString(raw: string): string {
    // raw includes the surrounding quotes
    const s = raw.slice(1, -1);
    if (!s.includes('\\')) return s;
    let out = '';
    for (let i = 0; i < s.length; i++) {
        const ch = s[i];
        if (ch !== '\\') {
            out += ch;
            continue;
        }
        const n = s[++i];
        switch (n) {
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case 'r':
                out += '\r';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'u':
                out += String.fromCharCode(parseInt(s.slice(i + 1, i + 5), 16));
                i += 4;
                break;
            default:
                out += n; // \' \" \\ and anything else
        }
    }
    return out;
}

class Converter {
    constructor(private readonly src: string) {}

    text(ctx: Ctx): string {
        if (!ctx.stop) return ctx.getText();
        return this.src.substring(ctx.start.start, ctx.stop.stop + 1);
    }

    ln(ctx: Ctx): number {
        return ctx.start.line;
    }

    typeRef(ctx: Ctx): TypeRef {
        const names: Ctx[] = ctx.typeName_list();
        const parts: string[] = [];
        let args: TypeRef[] | undefined;
        for (const tn of names) {
            if (tn.LIST()) parts.push('List');
            else if (tn.SET()) parts.push('Set');
            else if (tn.MAP()) parts.push('Map');
            else parts.push(tn.id().getText());
            const ta = tn.typeArguments();
            if (ta) args = ta.typeList().typeRef_list().map((t: Ctx) => this.typeRef(t));
        }
        let t: TypeRef = { name: parts.join('.') };
        if (args) t.args = args;
        const subs = ctx.arraySubscripts();
        const dims = subs ? subs.LBRACK_list().length : 0;
        for (let i = 0; i < dims; i++) t = { name: 'List', args: [t] };
        return t;
    }

    annotation(ctx: Ctx): Annotation {
        const name = ctx.id().getText().toLowerCase();
        const params: Annotation['params'] = {};
        const pairs = ctx.elementValuePairs();
        if (pairs) {
            for (const p of pairs.elementValuePair_list()) {
                params[p.id().getText().toLowerCase()] = this.annoValue(p.elementValue());
            }
        } else if (ctx.elementValue()) {
            params['value'] = this.annoValue(ctx.elementValue());
        }
        return { name, params };
    }

    annoValue(ctx: Ctx): string | boolean | number | null {
        const lit = ctx.literal();
        if (!lit) return ctx.getText();
        const e = this.literal(lit) as any;
        if (e.t === 'int') return e.v as number;
        return e.v;
    }

    mods(list: Ctx[]): { mods: string[]; annos: Annotation[] } {
        const mods: string[] = [];
        const annos: Annotation[] = [];
        for (const m of list) {
            if (m.annotation()) annos.push(this.annotation(m.annotation()));
            else mods.push(m.getText().toLowerCase());
        }
        return { mods, annos };
    }

    params(ctx: Ctx): ParamDecl[] {
        const list = ctx.formalParameterList();
        if (!list) return [];
        return list.formalParameter_list().map((p: Ctx) => ({ type: this.typeRef(p.typeRef()), name: p.id().getText() }));
    }

    classDecl(ctx: Ctx, modList: Ctx[]): ClassDecl {
        const { mods, annos } = this.mods(modList);
        const base = {
            k: 'class' as const,
            ln: this.ln(ctx),
            endLn: ctx.stop ? ctx.stop.line : this.ln(ctx),
            mods,
            annos,
            members: [] as Member[],
            inner: [] as ClassDecl[],
            enumValues: [] as string[],
            ext: null as TypeRef | null,
            impls: [] as TypeRef[],
        };
        const n = nameOf(ctx);
        if (n === 'EnumDeclarationContext') {
            const consts = ctx.enumConstants();
            return {
                ...base,
                kind: 'enum',
                name: ctx.id().getText(),
                enumValues: consts ? consts.id_list().map((i: Ctx) => i.getText()) : [],
            };
        }
        if (n === 'InterfaceDeclarationContext') {
            const decl: ClassDecl = { ...base, kind: 'interface', name: ctx.id().getText() };
            if (ctx.typeList()) decl.impls = ctx.typeList().typeRef_list().map((t: Ctx) => this.typeRef(t));
            for (const m of ctx.interfaceBody().interfaceMethodDeclaration_list()) {
                const mm = this.mods(m.modifier_list());
                decl.members.push({
                    k: 'method',
                    ln: this.ln(m),
                    name: m.id().getText(),
                    mods: [...mm.mods, 'abstract'],
                    annos: mm.annos,
                    ret: m.typeRef() ? this.typeRef(m.typeRef()) : null,
                    params: this.params(m.formalParameters()),
                    body: null,
                });
            }
            return decl;
        }
        const decl: ClassDecl = { ...base, kind: 'class', name: ctx.id().getText() };
        if (ctx.typeRef()) decl.ext = this.typeRef(ctx.typeRef());
        if (ctx.typeList()) decl.impls = ctx.typeList().typeRef_list().map((t: Ctx) => this.typeRef(t));
        for (const b of ctx.classBody().classBodyDeclaration_list()) {
            if (b.block()) {
                decl.members.push({ k: 'init', ln: this.ln(b), isStatic: !!b.STATIC(), body: this.block(b.block()) });
                continue;
            }
            const md = b.memberDeclaration();
            if (!md) continue;
            this.member(md, b.modifier_list(), decl.members, decl.inner);
        }
        return decl;
    }

    member(md: Ctx, modList: Ctx[], members: Member[], inner: ClassDecl[]): void {
        const { mods, annos } = this.mods(modList);
        let c: Ctx;
        if ((c = md.methodDeclaration())) {
            members.push({
                k: 'method',
                ln: this.ln(c),
                name: c.id().getText(),
                mods,
                annos,
                ret: c.typeRef() ? this.typeRef(c.typeRef()) : null,
                params: this.params(c.formalParameters()),
                body: c.block() ? this.block(c.block()) : null,
            });
        } else if (md.constructorDeclaration && (c = md.constructorDeclaration())) {
            members.push({
                k: 'ctor',
                ln: this.ln(c),
                mods,
                annos,
                params: this.params(c.formalParameters()),
                body: this.block(c.block()),
            });
        } else if ((c = md.fieldDeclaration())) {
            members.push({
                k: 'field',
                ln: this.ln(c),
                mods,
                annos,
                type: this.typeRef(c.typeRef()),
                decls: c
                    .variableDeclarators()
                    .variableDeclarator_list()
                    .map((v: Ctx) => ({
                        name: v.id().getText(),
                        init: v.expression() ? this.expr(v.expression()) : null,
                        ln: this.ln(v),
                    })),
            });
        } else if ((c = md.propertyDeclaration())) {
            let getter: Accessor | null = null;
            let setter: Accessor | null = null;
            for (const pb of c.propertyBlock_list()) {
                const pm = this.mods(pb.modifier_list()).mods;
                if (pb.getter()) {
                    const g = pb.getter();
                    getter = { mods: pm, body: g.block() ? this.block(g.block()) : null, ln: this.ln(g) };
                } else if (pb.setter()) {
                    const s = pb.setter();
                    setter = { mods: pm, body: s.block() ? this.block(s.block()) : null, ln: this.ln(s) };
                }
            }
            members.push({
                k: 'prop',
                ln: this.ln(c),
                name: c.id().getText(),
                mods,
                annos,
                type: this.typeRef(c.typeRef()),
                getter,
                setter,
            });
        } else if ((c = md.classDeclaration() || md.interfaceDeclaration() || md.enumDeclaration())) {
            inner.push(this.classDecl(c, modList));
        }
    }

    trigger(ctx: Ctx): TriggerDecl {
        const ids = ctx.id_list();
        const events = ctx.triggerCase_list().map((tc: Ctx) => {
            const when = tc.BEFORE() ? 'before' : 'after';
            const op = tc.INSERT() ? 'insert' : tc.UPDATE() ? 'update' : tc.DELETE() ? 'delete' : 'undelete';
            return `${when} ${op}`;
        });
        const members: Member[] = [];
        const inner: ClassDecl[] = [];
        const stmts: Stmt[] = [];
        const tb = ctx.triggerBlock();
        for (const m of tb.triggerBlockMember_list()) {
            const md = m.triggerMemberDeclaration();
            if (md && md.fieldDeclaration() && !m.modifier_list().length) {
                // `Type name = value;` in a trigger body is a local variable declaration, in statement order
                stmts.push(this.fieldAsLocal(md.fieldDeclaration()));
            } else if (md) this.member(md, m.modifier_list(), members, inner);
            else if (m.statement()) stmts.push(this.stmt(m.statement()));
        }
        return {
            k: 'trigger',
            ln: this.ln(ctx),
            endLn: ctx.stop ? ctx.stop.line : this.ln(ctx),
            name: ids[0].getText(),
            object: ids[1].getText(),
            events,
            body: { k: 'block', ln: this.ln(tb), stmts },
            members,
            inner,
        };
    }

    /** A field declaration in a trigger body or anonymous block is a local variable declaration. */
    fieldAsLocal(fd: Ctx): Stmt {
        return {
            k: 'local',
            ln: this.ln(fd),
            type: this.typeRef(fd.typeRef()),
            decls: fd
                .variableDeclarators()
                .variableDeclarator_list()
                .map((v: Ctx) => ({ name: v.id().getText(), init: v.expression() ? this.expr(v.expression()) : null, ln: this.ln(v) })),
        };
    }

    block(ctx: Ctx): Block {
        return { k: 'block', ln: this.ln(ctx), stmts: ctx.statement_list().map((s: Ctx) => this.stmt(s)) };
    }

    localDecl(c: Ctx): Stmt {
        return {
            k: 'local',
            ln: this.ln(c),
            type: this.typeRef(c.typeRef()),
            decls: c
                .variableDeclarators()
                .variableDeclarator_list()
                .map((v: Ctx) => ({
                    name: v.id().getText(),
                    init: v.expression() ? this.expr(v.expression()) : null,
                    ln: this.ln(v),
                })),
        };
    }

    stmt(ctx: Ctx): Stmt {
        const ln = this.ln(ctx);
        let c: Ctx;
        if ((c = ctx.block())) return this.block(c);
        if ((c = ctx.localVariableDeclarationStatement())) return this.localDecl(c.localVariableDeclaration());
        if ((c = ctx.expressionStatement())) return { k: 'expr', ln, e: this.expr(c.expression()) };
        if ((c = ctx.ifStatement())) {
            const ss = c.statement_list();
            return {
                k: 'if',
                ln,
                c: this.expr(c.parExpression().expression()),
                then: this.stmt(ss[0]),
                else: ss[1] ? this.stmt(ss[1]) : null,
            };
        }
        if ((c = ctx.returnStatement())) return { k: 'return', ln, e: c.expression() ? this.expr(c.expression()) : null };
        if ((c = ctx.throwStatement())) return { k: 'throw', ln, e: this.expr(c.expression()) };
        if (ctx.breakStatement()) return { k: 'break', ln };
        if (ctx.continueStatement()) return { k: 'continue', ln };
        if ((c = ctx.forStatement())) {
            const fc = c.forControl();
            const body: Stmt = c.statement() ? this.stmt(c.statement()) : { k: 'block', ln, stmts: [] };
            if (fc.enhancedForControl()) {
                const e = fc.enhancedForControl();
                return {
                    k: 'foreach',
                    ln,
                    type: this.typeRef(e.typeRef()),
                    name: e.id().getText(),
                    iter: this.expr(e.expression()),
                    body,
                };
            }
            const fi = fc.forInit();
            return {
                k: 'for',
                ln,
                init: fi && fi.localVariableDeclaration() ? this.localDecl(fi.localVariableDeclaration()) : null,
                initExprs:
                    fi && fi.expressionList() ? fi.expressionList().expression_list().map((x: Ctx) => this.expr(x)) : [],
                cond: fc.expression() ? this.expr(fc.expression()) : null,
                update: fc.forUpdate() ? fc.forUpdate().expressionList().expression_list().map((x: Ctx) => this.expr(x)) : [],
                body,
            };
        }
        if ((c = ctx.whileStatement())) {
            return {
                k: 'while',
                ln,
                c: this.expr(c.parExpression().expression()),
                body: c.statement() ? this.stmt(c.statement()) : { k: 'block', ln, stmts: [] },
            };
        }
        if ((c = ctx.doWhileStatement())) {
            return { k: 'do', ln, c: this.expr(c.parExpression().expression()), body: this.block(c.block()) };
        }
        if ((c = ctx.tryStatement())) {
            return {
                k: 'try',
                ln,
                body: this.block(c.block()),
                catches: c.catchClause_list().map((cc: Ctx) => ({
                    type: { name: cc.qualifiedName().getText() },
                    name: cc.id().getText(),
                    body: this.block(cc.block()),
                    ln: this.ln(cc),
                })),
                fin: c.finallyBlock() ? this.block(c.finallyBlock().block()) : null,
            };
        }
        if ((c = ctx.switchStatement())) {
            return {
                k: 'switch',
                ln,
                e: this.expr(c.expression()),
                whens: c.whenControl_list().map((w: Ctx) => this.when(w)),
            };
        }
        for (const op of ['insert', 'update', 'delete', 'undelete', 'upsert', 'merge'] as const) {
            const d = ctx[`${op}Statement`]();
            if (d) {
                const al = d.accessLevel();
                const exprs = op === 'merge' ? d.expression_list() : [d.expression()];
                return {
                    k: 'dml',
                    ln,
                    op,
                    e: this.expr(exprs[0]),
                    e2: exprs[1] ? this.expr(exprs[1]) : null,
                    access: al ? (al.USER() ? 'user' : 'system') : null,
                    extId: op === 'upsert' && d.qualifiedName() ? d.qualifiedName().getText() : null,
                };
            }
        }
        if ((c = ctx.runAsStatement())) {
            return {
                k: 'runas',
                ln,
                args: c.expressionList() ? c.expressionList().expression_list().map((x: Ctx) => this.expr(x)) : [],
                body: this.block(c.block()),
            };
        }
        return { k: 'unsupported', ln, what: `statement '${this.text(ctx).slice(0, 40)}'` };
    }

    when(w: Ctx): WhenClause {
        const wv = w.whenValue();
        const body = this.block(w.block());
        const ln = this.ln(w);
        if (wv.ELSE()) return { kind: 'else', values: [], type: null, varName: null, body, ln };
        if (wv.typeRef() && wv.id()) {
            return { kind: 'type', values: [], type: this.typeRef(wv.typeRef()), varName: wv.id().getText(), body, ln };
        }
        const values = wv.whenLiteral_list().map((l: Ctx) => this.whenLiteral(l));
        return { kind: 'values', values, type: null, varName: null, body, ln };
    }

    whenLiteral(l: Ctx): Expr {
        const ln = this.ln(l);
        if (l.whenLiteral()) return this.whenLiteral(l.whenLiteral());
        if (l.NULL()) return { k: 'lit', ln, t: 'null', v: null };
        if (l.StringLiteral()) return { k: 'lit', ln, t: 'str', v: unescapeApexString(l.StringLiteral().getText()) };
        const neg = l.SUB_list().length % 2 === 1;
        if (l.IntegerLiteral()) {
            const v = parseInt(l.IntegerLiteral().getText(), 10);
            return { k: 'lit', ln, t: 'int', v: neg ? -v : v };
        }
        if (l.LongLiteral()) {
            const t = l.LongLiteral().getText().replace(/[lL]$/, '');
            return { k: 'lit', ln, t: 'long', v: neg ? '-' + t : t };
        }
        if (l.qualifiedName()) {
            const ids = l.qualifiedName().id_list().map((i: Ctx) => i.getText());
            let e: Expr = { k: 'id', ln, name: ids[0] };
            for (const n of ids.slice(1)) e = { k: 'dot', ln, obj: e, name: n, safe: false };
            return e;
        }
        return { k: 'unsupported', ln, what: `when value ${l.getText()}` };
    }

    literal(ctx: Ctx): Expr {
        const ln = this.ln(ctx);
        let t: Ctx;
        if ((t = ctx.IntegerLiteral())) {
            const txt = t.getText();
            return { k: 'lit', ln, t: 'int', v: Number(txt) };
        }
        if ((t = ctx.LongLiteral())) return { k: 'lit', ln, t: 'long', v: t.getText().replace(/[lL]$/, '') };
        if ((t = ctx.NumberLiteral())) {
            const txt: string = t.getText();
            if (/[dD]$/.test(txt)) return { k: 'lit', ln, t: 'dec', v: 'd:' + txt.slice(0, -1) };
            return { k: 'lit', ln, t: 'dec', v: txt };
        }
        if ((t = ctx.StringLiteral())) return { k: 'lit', ln, t: 'str', v: unescapeApexString(t.getText()) };
        if ((t = ctx.MultilineStringLiteral())) {
            const raw: string = t.getText();
            return { k: 'lit', ln, t: 'str', v: raw.slice(3, -3) };
        }
        if ((t = ctx.BooleanLiteral())) return { k: 'lit', ln, t: 'bool', v: t.getText().toLowerCase() === 'true' };
        return { k: 'lit', ln, t: 'null', v: null };
    }

    args(ctx: Ctx | null): Expr[] {
        if (!ctx) return [];
        return ctx.expression_list().map((x: Ctx) => this.expr(x));
    }

    soql(ctx: Ctx, ln: number): Expr {
        const q = ctx.query();
        const text = this.text(q);
        const binds: string[] = [];
        const visit = (n: Ctx): void => {
            if (!n || !n.children) return;
            if (nameOf(n) === 'BoundExpressionContext') {
                binds.push(this.text(n.expression()));
                return;
            }
            for (const ch of n.children) visit(ch);
        };
        visit(q);
        return { k: 'soql', ln, text, binds };
    }

    primary(p: Ctx, ln: number): Expr {
        switch (nameOf(p)) {
            case 'ThisPrimaryContext':
                return { k: 'this', ln };
            case 'SuperPrimaryContext':
                return { k: 'super', ln };
            case 'LiteralPrimaryContext':
                return this.literal(p.literal());
            case 'IdPrimaryContext':
                return { k: 'id', ln, name: p.id().getText() };
            case 'TypeRefPrimaryContext':
                return { k: 'classlit', ln, type: this.typeRef(p.typeRef()) };
            case 'VoidPrimaryContext':
                return { k: 'classlit', ln, type: null };
            case 'SoqlPrimaryContext':
                return this.soql(p.soqlLiteral(), ln);
            case 'SoslPrimaryContext':
                return { k: 'unsupported', ln, what: 'SOSL query' };
        }
        return { k: 'unsupported', ln, what: `expression ${p.getText()}` };
    }

    creator(c: Ctx, ln: number): Expr {
        const cn = c.createdName();
        const pairs: Ctx[] = cn.idCreatedNamePair_list();
        const name = pairs.map((p) => p.anyId().getText()).join('.');
        let args: TypeRef[] | undefined;
        for (const p of pairs) if (p.typeList()) args = p.typeList().typeRef_list().map((t: Ctx) => this.typeRef(t));
        const type: TypeRef = args ? { name, args } : { name };
        const base = { k: 'new' as const, ln, type, args: null, arrSize: null, items: null, pairs: null };
        if (c.noRest()) return { ...base, items: [] };
        if (c.classCreatorRest()) return { ...base, args: this.args(c.classCreatorRest().arguments().expressionList()) };
        if (c.arrayCreatorRest()) {
            const a = c.arrayCreatorRest();
            const listType: TypeRef = { name: 'List', args: [type] };
            if (a.arrayInitializer()) {
                return { ...base, type: listType, items: a.arrayInitializer().expression_list().map((x: Ctx) => this.expr(x)) };
            }
            return { ...base, type: listType, arrSize: a.expression() ? this.expr(a.expression()) : null, items: a.expression() ? null : [] };
        }
        if (c.mapCreatorRest()) {
            return {
                ...base,
                pairs: c
                    .mapCreatorRest()
                    .mapCreatorRestPair_list()
                    .map((p: Ctx) => [this.expr(p.expression(0)), this.expr(p.expression(1))] as [Expr, Expr]),
            };
        }
        if (c.setCreatorRest()) return { ...base, items: c.setCreatorRest().expression_list().map((x: Ctx) => this.expr(x)) };
        return { k: 'unsupported', ln, what: `creator ${c.getText()}` };
    }

    expr(ctx: Ctx): Expr {
        const ln = this.ln(ctx);
        const col = ctx.start.column + 1;
        const n = nameOf(ctx);
        const e2 = (): [Expr, Expr] => [this.expr(ctx.expression(0)), this.expr(ctx.expression(1))];
        switch (n) {
            case 'PrimaryExpressionContext':
                return this.primary(ctx.primary(), ln);
            case 'SubExpressionContext':
                return this.expr(ctx.expression());
            case 'DotExpressionContext': {
                const obj = this.expr(ctx.expression());
                const safe = !!ctx.QUESTIONDOT();
                const dm = ctx.dotMethodCall();
                if (dm) {
                    return {
                        k: 'call',
                        ln,
                        col,
                        obj,
                        name: dm.anyId().getText(),
                        args: this.args(dm.expressionList()),
                        safe,
                    };
                }
                return { k: 'dot', ln, col, obj, name: ctx.anyId().getText(), safe };
            }
            case 'MethodCallExpressionContext': {
                const m = ctx.methodCall();
                const args = this.args(m.expressionList());
                if (m.THIS()) return { k: 'ctorcall', ln, which: 'this', args };
                if (m.SUPER()) return { k: 'ctorcall', ln, which: 'super', args };
                return { k: 'call', ln, col, obj: null, name: m.id().getText(), args, safe: false };
            }
            case 'ArrayExpressionContext': {
                const [obj, idx] = e2();
                return { k: 'index', ln, col, obj, idx };
            }
            case 'NewExpressionContext':
                return this.creator(ctx.creator(), ln);
            case 'CastExpressionContext':
                return { k: 'cast', ln, col, type: this.typeRef(ctx.typeRef()), e: this.expr(ctx.expression()) };
            case 'InstanceOfExpressionContext':
                return { k: 'instanceof', ln, e: this.expr(ctx.expression()), type: this.typeRef(ctx.typeRef()) };
            case 'CondExpressionContext':
                return {
                    k: 'cond',
                    ln,
                    c: this.expr(ctx.expression(0)),
                    a: this.expr(ctx.expression(1)),
                    b: this.expr(ctx.expression(2)),
                };
            case 'AssignExpressionContext': {
                const [l, r] = e2();
                const opTok = ctx.children[1].getText();
                return { k: 'assign', ln, col, op: opTok, l, r };
            }
            case 'PostOpExpressionContext':
                return { k: 'incdec', ln, op: ctx.INC() ? '++' : '--', post: true, e: this.expr(ctx.expression()) };
            case 'PreOpExpressionContext': {
                const e = this.expr(ctx.expression());
                if (ctx.INC()) return { k: 'incdec', ln, op: '++', post: false, e };
                if (ctx.DEC()) return { k: 'incdec', ln, op: '--', post: false, e };
                return { k: 'unary', ln, op: ctx.SUB() ? '-' : '+', e };
            }
            case 'NegExpressionContext':
                return { k: 'unary', ln, op: ctx.BANG() ? '!' : '~', e: this.expr(ctx.expression()) };
            case 'Arth1ExpressionContext':
            case 'Arth2ExpressionContext':
            case 'LogAndExpressionContext':
            case 'LogOrExpressionContext':
            case 'CoalExpressionContext':
            case 'BitAndExpressionContext':
            case 'BitOrExpressionContext':
            case 'BitNotExpressionContext':
            case 'EqualityExpressionContext':
            case 'CmpExpressionContext':
            case 'BitExpressionContext': {
                const [l, r] = e2();
                // operator = the terminal tokens between the two operands
                let op = '';
                for (const ch of ctx.children) if (ch.symbol) op += ch.getText();
                if (op === '<>') op = '!=';
                return { k: 'bin', ln, col, op, l, r };
            }
        }
        return { k: 'unsupported', ln, what: `expression ${this.text(ctx).slice(0, 40)}` };
    }
}

function parseWith<T>(src: string, fileName: string, entry: (p: any) => any, conv: (c: Converter, tree: any) => T): T {
    const listener = new CollectingListener();
    const { parser } = ApexParserFactory.createLexerAndParser(src, listener);
    const tree = entry(parser);
    if (listener.errors.length) throw new ApexSyntaxError(`${fileName}: syntax error ${listener.errors[0]}`);
    return conv(new Converter(src), tree);
}

/** Parses a class or trigger source into its AST (uncached). */
export function parseUnit(src: string, fileName: string): CompilationUnit {
    if (fileName.endsWith('.trigger')) {
        return parseWith(src, fileName, (p) => p.triggerUnit(), (c, t) => c.trigger(t));
    }
    return parseWith(
        src,
        fileName,
        (p) => p.compilationUnit(),
        (c, t) => {
            const td = t.typeDeclaration();
            const decl = td.classDeclaration() || td.interfaceDeclaration() || td.enumDeclaration();
            return c.classDecl(decl, td.modifier_list());
        },
    );
}

/** Parses a standalone expression (SOQL bind expressions, anonymous snippets). */
export function parseExpression(src: string): Expr {
    return parseWith(src, '<expression>', (p) => p.expression(), (c, t) => c.expr(t));
}

/** Parses anonymous Apex (a list of statements). */
export function parseAnonymous(src: string): Block {
    return parseWith(
        src,
        '<anonymous>',
        (p) => p.anonymousUnit(),
        (c, t) => {
            const stmts: Stmt[] = [];
            for (const m of t.anonymousBlock().anonymousBlockMember_list()) {
                const md = m.anonymousMemberDeclaration();
                if (m.statement()) stmts.push(c.stmt(m.statement()));
                else if (md && md.fieldDeclaration() && !m.modifier_list().length) stmts.push(c.fieldAsLocal(md.fieldDeclaration()));
                else throw new ApexSyntaxError('anonymous Apex with method or class declarations is not supported');
            }
            return { k: 'block', ln: 1, stmts } as Block;
        },
    );
}

/** Parses with an on-disk cache keyed by the source hash. */
export function parseUnitCached(src: string, fileName: string, cacheDir: string | null): CompilationUnit {
    if (!cacheDir) return parseUnit(src, fileName);
    const kind = fileName.endsWith('.trigger') ? 't' : 'c';
    const hash = createHash('sha256').update(CONVERTER_VERSION + kind + src).digest('hex').slice(0, 40);
    const file = join(cacheDir, hash + '.json');
    if (existsSync(file)) {
        try {
            return JSON.parse(readFileSync(file, 'utf8')) as CompilationUnit;
        } catch {
            /* fall through and re-parse a corrupt cache entry */
        }
    }
    const unit = parseUnit(src, fileName);
    try {
        mkdirSync(cacheDir, { recursive: true });
        writeFileSync(file, JSON.stringify(unit));
    } catch {
        /* cache is best effort */
    }
    return unit;
}
