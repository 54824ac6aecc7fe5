/**
 * Plain-JSON Apex syntax tree. The ANTLR parse tree of `@apexdevtools/apex-parser` is converted into these nodes
 * once per file (see parse.ts) so that the tree can be cached on disk and walked quickly by the interpreter.
 * Identifiers keep their source spelling; lookups lower-case them.
 */

export interface TypeRef {
    /** Dotted name as written, e.g. `List`, `Schema.SObjectType`, `Outer.Inner`. Arrays are turned into List. */
    name: string;
    args?: TypeRef[];
}

export interface Annotation {
    name: string; // lower-case
    params: Record<string, string | boolean | number | null>;
}

export interface NodeBase {
    k: string;
    ln: number;
    col?: number;
}

// ----- declarations -----

export interface ParamDecl {
    type: TypeRef;
    name: string;
}

export interface FieldDecl extends NodeBase {
    k: 'field';
    mods: string[];
    annos: Annotation[];
    type: TypeRef;
    decls: { name: string; init: Expr | null; ln: number }[];
}

export interface MethodDecl extends NodeBase {
    k: 'method';
    name: string;
    mods: string[];
    annos: Annotation[];
    ret: TypeRef | null;
    params: ParamDecl[];
    body: Block | null;
}

export interface CtorDecl extends NodeBase {
    k: 'ctor';
    mods: string[];
    annos: Annotation[];
    params: ParamDecl[];
    body: Block;
}

export interface Accessor {
    mods: string[];
    body: Block | null;
    ln: number;
}

export interface PropDecl extends NodeBase {
    k: 'prop';
    name: string;
    mods: string[];
    annos: Annotation[];
    type: TypeRef;
    getter: Accessor | null;
    setter: Accessor | null;
}

export interface InitDecl extends NodeBase {
    k: 'init';
    isStatic: boolean;
    body: Block;
}

export type Member = FieldDecl | MethodDecl | CtorDecl | PropDecl | InitDecl;

export interface ClassDecl extends NodeBase {
    k: 'class';
    kind: 'class' | 'interface' | 'enum';
    name: string;
    mods: string[];
    annos: Annotation[];
    ext: TypeRef | null;
    impls: TypeRef[];
    members: Member[];
    inner: ClassDecl[];
    enumValues: string[];
    endLn: number;
}

export interface TriggerDecl extends NodeBase {
    k: 'trigger';
    name: string;
    object: string;
    events: string[]; // e.g. 'before insert'
    body: Block;
    members: Member[];
    inner: ClassDecl[];
    endLn: number;
}

export type CompilationUnit = ClassDecl | TriggerDecl;

// ----- statements -----

export interface Block extends NodeBase {
    k: 'block';
    stmts: Stmt[];
}

export interface WhenClause {
    kind: 'else' | 'values' | 'type';
    values: Expr[];
    type: TypeRef | null;
    varName: string | null;
    body: Block;
    ln: number;
}

export type Stmt =
    | Block
    | (NodeBase & { k: 'local'; type: TypeRef; decls: { name: string; init: Expr | null; ln: number }[] })
    | (NodeBase & { k: 'expr'; e: Expr })
    | (NodeBase & { k: 'if'; c: Expr; then: Stmt; else: Stmt | null })
    | (NodeBase & { k: 'switch'; e: Expr; whens: WhenClause[] })
    | (NodeBase & {
          k: 'for';
          init: Stmt | null;
          initExprs: Expr[];
          cond: Expr | null;
          update: Expr[];
          body: Stmt;
      })
    | (NodeBase & { k: 'foreach'; type: TypeRef; name: string; iter: Expr; body: Stmt })
    | (NodeBase & { k: 'while'; c: Expr; body: Stmt })
    | (NodeBase & { k: 'do'; c: Expr; body: Stmt })
    | (NodeBase & {
          k: 'try';
          body: Block;
          catches: { type: TypeRef; name: string; body: Block; ln: number }[];
          fin: Block | null;
      })
    | (NodeBase & { k: 'return'; e: Expr | null })
    | (NodeBase & { k: 'throw'; e: Expr })
    | (NodeBase & { k: 'break' })
    | (NodeBase & { k: 'continue' })
    | (NodeBase & {
          k: 'dml';
          op: 'insert' | 'update' | 'delete' | 'undelete' | 'upsert' | 'merge';
          e: Expr;
          e2: Expr | null;
          access: 'user' | 'system' | null;
          extId: string | null;
      })
    | (NodeBase & { k: 'runas'; args: Expr[]; body: Block })
    | (NodeBase & { k: 'unsupported'; what: string });

// ----- expressions -----

export type Expr =
    | (NodeBase & { k: 'lit'; t: 'int' | 'long' | 'dec' | 'str' | 'bool' | 'null'; v: string | number | boolean | null })
    | (NodeBase & { k: 'id'; name: string })
    | (NodeBase & { k: 'this' })
    | (NodeBase & { k: 'super' })
    | (NodeBase & { k: 'dot'; obj: Expr; name: string; safe: boolean })
    | (NodeBase & { k: 'call'; obj: Expr | null; name: string; args: Expr[]; safe: boolean })
    | (NodeBase & { k: 'ctorcall'; which: 'this' | 'super'; args: Expr[] })
    | (NodeBase & { k: 'index'; obj: Expr; idx: Expr })
    | (NodeBase & {
          k: 'new';
          type: TypeRef;
          args: Expr[] | null;
          arrSize: Expr | null;
          items: Expr[] | null;
          pairs: [Expr, Expr][] | null;
      })
    | (NodeBase & { k: 'assign'; op: string; l: Expr; r: Expr })
    | (NodeBase & { k: 'bin'; op: string; l: Expr; r: Expr })
    | (NodeBase & { k: 'unary'; op: string; e: Expr })
    | (NodeBase & { k: 'incdec'; op: '++' | '--'; post: boolean; e: Expr })
    | (NodeBase & { k: 'cond'; c: Expr; a: Expr; b: Expr })
    | (NodeBase & { k: 'cast'; type: TypeRef; e: Expr })
    | (NodeBase & { k: 'instanceof'; e: Expr; type: TypeRef })
    | (NodeBase & { k: 'classlit'; type: TypeRef | null })
    | (NodeBase & { k: 'soql'; text: string; binds: string[] })
    | (NodeBase & { k: 'unsupported'; what: string });

export type ExprOf<K extends Expr['k']> = Extract<Expr, { k: K }>;
export type StmtOf<K extends Stmt['k']> = Extract<Stmt, { k: K }>;
