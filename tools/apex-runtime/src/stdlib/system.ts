/**
 * System, Assert, Test, Limits, UserInfo, Type and enum methods (Apex Reference Guide: "System Class", "Assert
 * Class", "Test Class", "Limits Class", "UserInfo Class", "Type Class", "Enum Methods").
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { ApexError, type ExceptionState } from '../interpreter/exceptions.js';
import { TypeHandle } from '../interpreter/frame.js';
import { ApexEnumValue, ApexList, ApexMap, ApexObject, ApexSet, ApexTypeValue, NativeObject } from '../interpreter/rvalues.js';
import { ANY, prim, type RType, typeName } from '../interpreter/types.js';
import { ApexDate, ApexDatetime } from '../values/datetime.js';
import { PlatformError, UnsupportedError } from '../values/errors.js';
import { normalizeTimeZone, nowMillis, offsetMillis, shortZoneName } from '../values/timezone.js';
import { randomUUID } from 'node:crypto';
import { limitValues } from './limits.js';
import type { NativeRegistry } from './registry.js';
import { type Runtime, valueMethods } from './runtime.js';

class AssertError extends PlatformError {
    readonly uncatchable = true;
    constructor(message: string) {
        super('System.AssertException', message);
    }
}

function fail(msg: string): never {
    throw new AssertError(msg);
}

function withMsg(rt: Runtime, msg: any, rest: string): string {
    if (msg === undefined || msg === null) return `Assertion Failed: ${rest}`;
    return `Assertion Failed: ${rt.ip.str(msg)}: ${rest}`;
}

function show(rt: Runtime, v: any): string {
    return rt.ip.str(v);
}

export function assertEquals(rt: Runtime, expected: any, actual: any, msg?: any): void {
    const same = typeof expected === 'string' && typeof actual === 'string' ? expected === actual : rt.ip.equalsValues(expected, actual);
    if (!same) {
        fail(withMsg(rt, msg, `Expected: ${show(rt, expected)}, Actual: ${show(rt, actual)}`));
    }
}

function typeArg(v: any): RType {
    if (!(v instanceof ApexTypeValue)) throw new UnsupportedError('a System.Type argument');
    return v.t;
}

export function installSystem(reg: NativeRegistry): void {
    reg.add(
        {
            name: 'System',
            statics: {
                debug: (rt, a) => {
                    rt.debug(rt.ip.str(a.length === 2 ? a[1] : a[0]));
                    return null;
                },
                assert: (rt, a) => {
                    if (a[0] !== true) fail(a.length > 1 ? `Assertion Failed: ${rt.ip.str(a[1])}` : 'Assertion Failed');
                    return null;
                },
                assertequals: (rt, a) => {
                    assertEquals(rt, a[0], a[1], a[2]);
                    return null;
                },
                assertnotequals: (rt, a) => {
                    if (rt.ip.equalsValues(a[0], a[1])) fail(withMsg(rt, a[2], `Same value: ${show(rt, a[0])}`));
                    return null;
                },
                now: () => ApexDatetime.now(),
                today: () => ApexDate.today(),
                currenttimemillis: () => BigInt(nowMillis()),
                nanotime: () => BigInt(Math.round(performance.now() * 1e6)),
                isbatch: (rt) => rt.extensions.get('asyncKind')?.() === 'batch',
                isfuture: (rt) => rt.extensions.get('asyncKind')?.() === 'future',
                isqueueable: (rt) => rt.extensions.get('asyncKind')?.() === 'queueable',
                isscheduled: (rt) => rt.extensions.get('asyncKind')?.() === 'schedule',
                requestversion: () => {
                    throw new UnsupportedError('System.requestVersion');
                },
                equals: (rt, a) => rt.ip.equalsValues(a[0], a[1]),
                hashcode: (rt, a) => (a[0] === null ? 0 : rt.callApex(a[0], 'hashCode', [])),
                getapplicationreadwritemode: (rt) => rt.natives.enumByName('system.applicationreadwritemode', 'DEFAULT'),
            },
        },
        'system.system',
    );
    reg.add({ name: 'System.ApplicationReadWriteMode', key: 'applicationreadwritemode', enumValues: ['DEFAULT', 'READ_ONLY'] });
    reg.add({ name: 'System.StubProvider', key: 'stubprovider', isInterface: true });
    reg.add({ name: 'System.LoggingLevel', key: 'logginglevel', enumValues: ['NONE', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'FINE', 'FINER', 'FINEST'] });

    // ---------------------------------------------------------------- Assert
    reg.add({
        name: 'System.Assert',
        key: 'assert',
        statics: {
            areequal: (rt, a) => {
                assertEquals(rt, a[0], a[1], a[2]);
                return null;
            },
            arenotequal: (rt, a) => {
                if (rt.ip.equalsValues(a[0], a[1])) fail(withMsg(rt, a[2], `Same value: ${show(rt, a[0])}`));
                return null;
            },
            istrue: (rt, a) => {
                if (a[0] !== true) fail(withMsg(rt, a[1], `Expected: true, Actual: ${show(rt, a[0])}`));
                return null;
            },
            isfalse: (rt, a) => {
                if (a[0] !== false) fail(withMsg(rt, a[1], `Expected: false, Actual: ${show(rt, a[0])}`));
                return null;
            },
            isnull: (rt, a) => {
                if (a[0] !== null) fail(withMsg(rt, a[1], `Expected: null, Actual: ${show(rt, a[0])}`));
                return null;
            },
            isnotnull: (rt, a) => {
                if (a[0] === null) fail(withMsg(rt, a[1], 'Expected: not null, Actual: null'));
                return null;
            },
            fail: (rt, a) => fail(a.length && a[0] !== null ? `Assertion Failed: ${rt.ip.str(a[0])}` : 'Assertion Failed'),
            isinstanceoftype: (rt, a) => {
                const t = typeArg(a[1]);
                if (!rt.ip.isInstance(a[0], t)) fail(withMsg(rt, a[2], `Expected: ${typeName(t)}, Actual: ${a[0] === null ? 'null' : typeName(rt.ip.typeOf(a[0]))}`));
                return null;
            },
            isnotinstanceoftype: (rt, a) => {
                const t = typeArg(a[1]);
                if (rt.ip.isInstance(a[0], t)) fail(withMsg(rt, a[2], `Not expected: ${typeName(t)}`));
                return null;
            },
        },
    });

    // ---------------------------------------------------------------- Limits
    const limitGetters: Record<string, (rt: Runtime) => number> = {
        getqueries: (rt) => rt.tx.limits.soql,
        getlimitqueries: (rt) => limitValues(rt.tx.isAsync).soql,
        getqueryrows: (rt) => rt.tx.limits.soqlRows,
        getlimitqueryrows: (rt) => limitValues(rt.tx.isAsync).soqlRows,
        getdmlstatements: (rt) => rt.tx.limits.dml,
        getlimitdmlstatements: (rt) => limitValues(rt.tx.isAsync).dml,
        getdmlrows: (rt) => rt.tx.limits.dmlRows,
        getlimitdmlrows: (rt) => limitValues(rt.tx.isAsync).dmlRows,
        getcallouts: (rt) => rt.tx.limits.callouts,
        getlimitcallouts: (rt) => limitValues(rt.tx.isAsync).callouts,
        getqueueablejobs: (rt) => rt.tx.limits.queueables,
        getlimitqueueablejobs: (rt) => limitValues(rt.tx.isAsync).queueables,
        getfuturecalls: (rt) => rt.tx.limits.futures,
        getlimitfuturecalls: (rt) => limitValues(rt.tx.isAsync).futures,
        getpublishimmediatedml: (rt) => rt.tx.limits.publishImmediate,
        getlimitpublishimmediatedml: (rt) => limitValues(rt.tx.isAsync).publishImmediate,
        getemailinvocations: (rt) => rt.tx.limits.emails,
        getlimitemailinvocations: (rt) => limitValues(rt.tx.isAsync).emails,
        getcputime: (rt) => Date.now() - rt.tx.limits.cpuStart,
        getlimitcputime: (rt) => (rt.tx.isAsync ? 60000 : 10000),
        getheapsize: () => 0,
        getlimitheapsize: (rt) => (rt.tx.isAsync ? 12000000 : 6000000),
    };
    const limitStatics: Record<string, (rt: Runtime, a: any[]) => any> = {};
    for (const [k, fn] of Object.entries(limitGetters)) limitStatics[k] = (rt) => fn(rt);
    reg.add({ name: 'System.Limits', key: 'limits', statics: limitStatics });

    // ---------------------------------------------------------------- Type
    reg.add({
        name: 'System.Type',
        key: 'type',
        statics: {
            forname: (rt, a) => {
                const name = a.length === 2 ? (a[0] ? `${a[0]}.${a[1]}` : a[1]) : a[0];
                if (name === null) return null;
                const h = rt.ip.findTypeHandle(String(name), null);
                if (!h) {
                    const t = rt.ip.resolveTypeOrNull(String(name));
                    return t ? new ApexTypeValue(t) : null;
                }
                return new ApexTypeValue(rt.ip.handleToType(h));
            },
        },
    });
    valueMethods.type = {
        getname: (_rt, t: ApexTypeValue) => typeName(t.t),
        tostring: (_rt, t: ApexTypeValue) => typeName(t.t),
        equals: (_rt, t: ApexTypeValue, a) => a[0] instanceof ApexTypeValue && typeName(a[0].t).toLowerCase() === typeName(t.t).toLowerCase(),
        hashcode: (_rt, t: ApexTypeValue) => typeName(t.t).length,
        newinstance: (rt, t: ApexTypeValue) => {
            const ty = t.t;
            if (ty.k === 'class') return rt.ip.instantiate(ty.cls, []);
            if (ty.k === 'sobject' && ty.name) return rt.newSObject(ty.name);
            if (ty.k === 'list') return new ApexList(ty.el, []);
            if (ty.k === 'native') {
                const nt = rt.natives.get(ty.name.toLowerCase());
                if (nt?.construct) return nt.construct(rt, []);
            }
            throw new UnsupportedError(`Type.newInstance for ${typeName(ty)}`);
        },
        isassignablefrom: (rt, t: ApexTypeValue, a) => {
            const other = typeArg(a[0]);
            if (t.t.k === 'any') return true;
            if (t.t.k === 'class' && other.k === 'class') return other.cls.isSubclassOf(t.t.cls);
            if (t.t.k === 'native' && other.k === 'class') {
                const nt = rt.natives.get(t.t.name.toLowerCase());
                return !!nt && other.cls.hasNativeSuper(nt.key);
            }
            return typeName(t.t).toLowerCase() === typeName(other).toLowerCase();
        },
    };

    valueMethods.enum = {
        name: (_rt, v: ApexEnumValue) => v.name,
        ordinal: (_rt, v: ApexEnumValue) => v.ordinal,
        tostring: (_rt, v: ApexEnumValue) => v.name,
        equals: (_rt, v: ApexEnumValue, a) => v === a[0],
        hashcode: (_rt, v: ApexEnumValue) => v.ordinal,
        compareto: (_rt, v: ApexEnumValue, a) => v.ordinal - (a[0] as ApexEnumValue).ordinal,
    };

    // exception helpers for DmlException and friends
    valueMethods.exception = {
        getnumdml: (_rt, e: ApexObject) => (e.native as ExceptionState).dml?.length ?? 0,
        getdmlmessage: (_rt, e: ApexObject, a) => (e.native as ExceptionState).dml?.[a[0]]?.message ?? null,
        getdmltype: (rt, e: ApexObject, a) => {
            const d = (e.native as ExceptionState).dml?.[a[0]];
            return d ? rt.natives.enumByName('system.statuscode', d.statusCode) : null;
        },
        getdmlfieldnames: (rt, e: ApexObject, a) => rt.strList((e.native as ExceptionState).dml?.[a[0]]?.fields ?? []),
        getdmlfields: (rt, e: ApexObject, a) => rt.anyList(((e.native as ExceptionState).dml?.[a[0]]?.fields ?? []).map(() => null)),
        getdmlid: (_rt, e: ApexObject, a) => (e.native as ExceptionState).dml?.[a[0]]?.id ?? null,
        getdmlindex: (_rt, e: ApexObject, a) => (e.native as ExceptionState).dml?.[a[0]]?.index ?? null,
        getinaccessiblefields: (rt, e: ApexObject) => {
            const m = new ApexMap(prim('string'), { k: 'set', el: prim('string') });
            const inf = ((e.native as ExceptionState).extra?.inaccessibleFields ?? {}) as Record<string, string[]>;
            for (const [obj, fields] of Object.entries(inf)) {
                const set = new ApexSet(prim('string'));
                for (const f of fields) set.add(f);
                m.put(obj, set);
            }
            void rt;
            return m;
        },
        setmessage: (_rt, e: ApexObject, a) => {
            (e.native as ExceptionState).message = a[0];
            return null;
        },
    };

    // ---------------------------------------------------------------- Test
    reg.add({
        name: 'System.Test',
        key: 'test',
        statics: {
            isrunningtest: (rt) => rt.test.running,
            starttest: (rt) => {
                const fn = rt.extensions.get('startTest');
                if (!fn) throw new UnsupportedError('Test.startTest outside the test runner');
                fn(rt);
                return null;
            },
            stoptest: (rt) => {
                const fn = rt.extensions.get('stopTest');
                if (!fn) throw new UnsupportedError('Test.stopTest outside the test runner');
                fn(rt);
                return null;
            },
            setmock: (rt, a) => {
                const t = typeArg(a[0]);
                const name = typeName(t).toLowerCase().replace(/^system\./, '');
                rt.test.mocks.set(name, a[1]);
                if (name === 'httpcalloutmock') rt.test.httpMock = a[1];
                else if (name !== 'webservicemock') throw new UnsupportedError(`Test.setMock for ${typeName(t)}`);
                return null;
            },
            geteventbus: () => new NativeObject('EventBus.TestBroker', {}),
            loaddata: () => {
                throw new UnsupportedError('Test.loadData');
            },
            setfixedsearchresults: () => {
                throw new UnsupportedError('Test.setFixedSearchResults (SOSL)');
            },
            createstub: (rt, a) => {
                const t = typeArg(a[0]);
                if (t.k !== 'class') throw new UnsupportedError(`Test.createStub for ${typeName(t)}`);
                if (a[1] === null) throw new PlatformError('System.NullPointerException', 'Attempt to de-reference a null object');
                const obj = new ApexObject(t.cls);
                obj.native = { stubProvider: a[1] };
                void rt;
                return obj;
            },
            setcurrentpage: () => {
                throw new UnsupportedError('Test.setCurrentPage (Visualforce)');
            },
            calculatepermissionsetgroup: () => null,
            enablechangedatacapture: () => {
                throw new UnsupportedError('Test.enableChangeDataCapture');
            },
            getstandardpricebookid: () => {
                throw new UnsupportedError('Test.getStandardPricebookId');
            },
        },
    });
    reg.add({
        name: 'EventBus.TestBroker',
        key: 'eventbus.testbroker',
        methods: {
            deliver: (rt) => {
                const fn = rt.extensions.get('deliverEvents');
                if (!fn) throw new UnsupportedError('Test.getEventBus().deliver()');
                fn(rt);
                return null;
            },
            fail: (rt) => {
                const fn = rt.extensions.get('failEvents');
                if (!fn) throw new UnsupportedError('Test.getEventBus().fail()');
                fn(rt);
                return null;
            },
        },
    });

    // ---------------------------------------------------------------- Messaging.CustomNotification
    // Apex Reference "CustomNotification Class": built, then send(Set<String> recipientIds). Nothing is delivered
    // locally; sent notifications are kept in the runtime (rt.extensions 'sentNotifications') for inspection.
    const setter = (k: string) => (_rt: Runtime, s: NativeObject, a: any[]) => {
        s.data[k] = a[0];
        return null;
    };
    reg.add({
        name: 'Messaging.CustomNotification',
        key: 'messaging.customnotification',
        construct: (_rt, a) => {
            if (a.length) throw new UnsupportedError('Messaging.CustomNotification constructor with arguments');
            return new NativeObject('Messaging.CustomNotification', {});
        },
        methods: {
            setnotificationtypeid: setter('typeId'),
            settitle: setter('title'),
            setbody: setter('body'),
            settargetid: setter('targetId'),
            settargetpageref: setter('pageRef'),
            setsenderid: setter('senderId'),
            send: (rt, s: NativeObject, a) => {
                const ids = a[0];
                if (ids === null || ids === undefined) throw new PlatformError('System.NullPointerException', 'Attempt to de-reference a null object');
                if (!s.data.typeId || !s.data.title || !s.data.body || (!s.data.targetId && !s.data.pageRef)) {
                    throw new UnsupportedError('CustomNotification.send without type, title, body or target (platform error not modelled)');
                }
                const list = (rt.extensions.get('sentNotifications') ?? []) as any[];
                list.push({ ...s.data, recipients: ids.values ? ids.values() : ids.items });
                rt.extensions.set('sentNotifications', list);
                return null;
            },
        },
    });
    reg.add({
        name: 'Messaging',
        key: 'messaging',
        statics: {
            sendemail: () => {
                throw new UnsupportedError('Messaging.sendEmail');
            },
        },
    });

    // ---------------------------------------------------------------- Site (outside a site context every value is null)
    const noSite = () => null;
    reg.add({
        name: 'System.Site',
        key: 'system.site',
        statics: {
            getpathprefix: noSite,
            getbaseurl: noSite,
            getbasesecureurl: noSite,
            getbaseinsecureurl: noSite,
            getbaserequesturl: noSite,
            getbasecustomurl: noSite,
            getdomain: noSite,
            getname: noSite,
            getsiteid: noSite,
            getmasterlabel: noSite,
            getsitetype: noSite,
            getsitetypelabel: noSite,
            getcurrentsiteurl: noSite,
            getprefix: noSite,
            getanalyticstrackingcode: noSite,
            getadminemail: noSite,
            getadminid: noSite,
            getcustomwebaddress: noSite,
            getoriginalurl: noSite,
            isloginenabled: () => false,
            isregistrationenabled: () => false,
            ispasswordexpired: () => false,
            isvalidusername: () => {
                throw new UnsupportedError('Site.isValidUsername');
            },
            login: () => {
                throw new UnsupportedError('Site.login');
            },
            createexternaluser: () => {
                throw new UnsupportedError('Site.createExternalUser');
            },
            forgotpassword: () => {
                throw new UnsupportedError('Site.forgotPassword');
            },
            changepassword: () => {
                throw new UnsupportedError('Site.changePassword');
            },
        },
    });

    // ---------------------------------------------------------------- UUID
    reg.add({
        name: 'System.UUID',
        key: 'uuid',
        statics: {
            randomuuid: () => new NativeObject('System.UUID', { v: randomUUID(), toString() { return this.v; } }),
            fromstring: (_rt, a) => {
                const s = String(a[0]);
                if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s)) {
                    throw new PlatformError('System.IllegalArgumentException', `Invalid UUID string: ${s}`);
                }
                return new NativeObject('System.UUID', { v: s.toLowerCase(), toString() { return this.v; } });
            },
        },
        methods: {
            tostring: (_rt, s: NativeObject) => s.data.v,
            equals: (_rt, s: NativeObject, a) => a[0] instanceof NativeObject && a[0].typeName === 'System.UUID' && a[0].data.v === s.data.v,
            hashcode: (_rt, s: NativeObject) => s.data.v.length,
        },
    });

    // ---------------------------------------------------------------- UserInfo
    const user = (rt: Runtime): any => {
        const fn = rt.extensions.get('currentUser');
        if (!fn) throw new UnsupportedError('UserInfo without a running user');
        return fn(rt);
    };
    reg.add({
        name: 'System.UserInfo',
        key: 'userinfo',
        statics: {
            getuserid: (rt) => user(rt).get('Id'),
            getname: (rt) => user(rt).get('Name') ?? `${user(rt).get('FirstName') ?? ''} ${user(rt).get('LastName') ?? ''}`.trim(),
            getfirstname: (rt) => user(rt).get('FirstName'),
            getlastname: (rt) => user(rt).get('LastName'),
            getusername: (rt) => user(rt).get('Username'),
            getuseremail: (rt) => user(rt).get('Email'),
            getprofileid: (rt) => user(rt).get('ProfileId'),
            getuserroleid: (rt) => user(rt).get('UserRoleId'),
            getlocale: (rt) => user(rt).get('LocaleSidKey') ?? 'en_US',
            getlanguage: (rt) => user(rt).get('LanguageLocaleKey') ?? 'en_US',
            getusertype: (rt) => user(rt).get('UserType') ?? 'Standard',
            getdefaultcurrency: (rt) => user(rt).get('DefaultCurrencyIsoCode') ?? rt.data.schema.currencies[0] ?? 'USD',
            getorganizationid: (rt) => rt.extensions.get('organizationId')?.() ?? '00D000000000001AAA',
            getorganizationname: (rt) => rt.extensions.get('organizationName')?.() ?? 'Local Runtime Org',
            gettimezone: (rt) => {
                const tz = user(rt).get('TimeZoneSidKey') ?? 'GMT';
                return new NativeObject('System.TimeZone', { id: tz });
            },
            ismulticurrencyorganization: (rt) => rt.data.schema.multiCurrency,
            getsessionid: () => null,
            getuithemedisplayed: () => 'Theme4d',
            getuitheme: () => 'Theme4d',
            iscurrentuserlicensed: () => false,
        },
    });
    reg.add({
        name: 'System.TimeZone',
        key: 'timezone',
        statics: {
            gettimezone: (_rt, a) => new NativeObject('System.TimeZone', { id: a[0] }),
        },
        methods: {
            getid: (_rt, s: NativeObject) => s.data.id,
            tostring: (_rt, s: NativeObject) => s.data.id,
            // milliseconds between GMT and this zone at the given instant (Apex Reference "TimeZone Class")
            getoffset: (_rt, s: NativeObject, a) => {
                const dt = a[0] as ApexDatetime;
                if (dt === null || dt === undefined) throw new PlatformError('System.NullPointerException', 'Attempt to de-reference a null object');
                return offsetMillis(normalizeTimeZone(s.data.id), dt.millis);
            },
            getdisplayname: (_rt, s: NativeObject) => {
                const tz = normalizeTimeZone(s.data.id);
                const off = offsetMillis(tz, Date.now());
                const sign = off < 0 ? '-' : '+';
                const abs = Math.abs(off) / 60000;
                const hh = String(Math.floor(abs / 60)).padStart(2, '0');
                const mm = String(abs % 60).padStart(2, '0');
                return `(GMT${sign}${hh}:${mm}) ${shortZoneName(tz, Date.now(), true)} (${tz})`;
            },
        },
    });

    void ApexError;
    void TypeHandle;
    void ANY;
    void prim;
}
