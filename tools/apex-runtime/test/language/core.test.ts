/**
 * Conformance: the Apex language. Each case cites the Apex Developer Guide page its expected results come from
 * (https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/<page>).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFailures, runApex, testClass } from './harness.js';

function expectAllPass(files: Parameters<typeof runApex>[0]): void {
    const results = runApex(files);
    assert.ok(results.size > 0, 'tests ran');
    const failures = describeFailures(results);
    assert.equal(failures, '', failures);
}

test('classes, inheritance, interfaces, abstract/virtual/override, super calls', () => {
    // apex_classes_extending.htm, apex_classes_interfaces.htm, apex_classes_keywords_super.htm
    expectAllPass({
        classes: {
            Shape: `public abstract class Shape {
    public String name;
    public Shape(String name) { this.name = name; }
    public abstract Decimal area();
    public virtual String describe() { return name + ' of area ' + area(); }
}`,
            Square: `public class Square extends Shape implements Comparable {
    private Decimal side;
    public Square(Decimal side) { super('square'); this.side = side; }
    public override Decimal area() { return side * side; }
    public override String describe() { return 'A ' + super.describe(); }
    public Integer compareTo(Object other) { return (Integer) (area() - ((Square) other).area()); }
}`,
            LangClassTest: testClass('LangClassTest', {
                inheritance: `
        Shape s = new Square(2);
        Assert.areEqual(4, s.area());
        Assert.areEqual('A square of area 4', s.describe());
        Assert.isTrue(s instanceof Comparable);
        Assert.isTrue(s instanceof Shape);
        List<Square> l = new List<Square>{ new Square(3), new Square(1), new Square(2) };
        l.sort();
        Assert.areEqual(1, l[0].area());
        Assert.areEqual(9, l[2].area());`,
            }),
        },
    });
});

test('constructors: this(), initialisers, static initialisation order, properties', () => {
    // apex_classes_constructors.htm, apex_classes_static.htm, apex_classes_properties.htm
    expectAllPass({
        classes: {
            Counter: `public class Counter {
    public static List<String> log = new List<String>();
    static { log.add('static'); }
    public Integer value { get; private set; }
    public Integer doubled { get { return value * 2; } }
    public String label {
        get { return label == null ? 'none' : label; }
        set { label = value == null ? null : value.toUpperCase(); }
    }
    { log.add('instance'); }
    public Counter() { this(10); log.add('no-arg'); }
    public Counter(Integer start) { value = start; log.add('int'); }
    public void increment() { value++; }
}`,
            LangCtorTest: testClass('LangCtorTest', {
                ctors: `
        Counter c = new Counter();
        Assert.areEqual(10, c.value);
        c.increment();
        Assert.areEqual(11, c.value);
        Assert.areEqual(22, c.doubled);
        Assert.areEqual('none', c.label);
        c.label = 'abc';
        Assert.areEqual('ABC', c.label);
        Assert.areEqual(new List<String>{ 'static', 'instance', 'int', 'no-arg' }, Counter.log);`,
                staticsResetPerTest: `
        Assert.areEqual(new List<String>{ 'static' }, Counter.log, 'static state is per transaction');`,
            }),
        },
    });
});

test('enums: values(), ordinal(), name(), valueOf, switch', () => {
    // apex_enums.htm, langCon_apex_switch.htm
    expectAllPass({
        classes: {
            LangEnumTest: testClass(
                'LangEnumTest',
                {
                    enums: `
        Assert.areEqual(3, Season.values().size());
        Assert.areEqual(Season.SUMMER, Season.values()[1]);
        Assert.areEqual(2, Season.AUTUMN.ordinal());
        Assert.areEqual('WINTER', Season.WINTER.name());
        Assert.areEqual(Season.AUTUMN, Season.valueOf('AUTUMN'));
        String label;
        switch on Season.SUMMER {
            when WINTER { label = 'cold'; }
            when SUMMER, AUTUMN { label = 'warm'; }
            when else { label = 'other'; }
        }
        Assert.areEqual('warm', label);
        Assert.areEqual('SUMMER', String.valueOf(Season.SUMMER));`,
                    switchOnValuesAndTypes: `
        Integer i = 3;
        String r;
        switch on i {
            when 1, 2 { r = 'small'; }
            when 3 { r = 'three'; }
            when null { r = 'null'; }
            when else { r = 'big'; }
        }
        Assert.areEqual('three', r);
        Object o = new Account(Name = 'x');
        switch on o {
            when Contact c { r = 'contact'; }
            when Account a { r = 'account ' + a.Name; }
            when else { r = 'else'; }
        }
        Assert.areEqual('account x', r);
        switch on 'ORANGE' {
            when 'orange' { r = 'lower'; }
            when else { r = 'no match: String when values are case-sensitive'; }
        }
        Assert.areEqual('no match: String when values are case-sensitive', r);`,
                },
                '    enum Season { WINTER, SUMMER, AUTUMN }',
            ),
        },
    });
});

test('exceptions: custom types, implicit constructors, cause, finally, getTypeName', () => {
    // apex_classes_exception_methods.htm, apex_exception_custom.htm, apex_exception_statements.htm;
    // AuraHandledException: lightning controllers_server_apex_custom_errors.htm / LWC "Handle Errors from Apex" (setMessage)
    expectAllPass({
        classes: {
            LangExTest: testClass(
                'LangExTest',
                {
                    custom: `
        List<String> order = new List<String>();
        try {
            try {
                throw new MyException('boom');
            } finally {
                order.add('finally');
            }
        } catch (MyException e) {
            order.add('caught ' + e.getMessage());
            Assert.areEqual('LangExTest.MyException', e.getTypeName());
            Assert.isNull(e.getCause());
        }
        Assert.areEqual(new List<String>{ 'finally', 'caught boom' }, order);
        MyException wrapped = new MyException('outer', new MyException('inner'));
        Assert.areEqual('inner', wrapped.getCause().getMessage());
        MyException fromCause = new MyException(new MyException('root'));
        Assert.areEqual('root', fromCause.getCause().getMessage());
        Assert.isNull(new MyException().getMessage());`,
                    npe: `
        String s;
        try {
            s.length();
            Assert.fail('no exception');
        } catch (NullPointerException e) {
            Assert.areEqual('Attempt to de-reference a null object', e.getMessage());
            Assert.areEqual('System.NullPointerException', e.getTypeName());
        }`,
                    listIndex: `
        List<Integer> l = new List<Integer>{ 1 };
        try {
            Integer x = l[5];
            Assert.fail('no exception');
        } catch (ListException e) {
            Assert.areEqual('List index out of bounds: 5', e.getMessage());
        }`,
                    badCast: `
        Object o = 'text';
        try {
            Integer i = (Integer) o;
            Assert.fail('no exception');
        } catch (TypeException e) {
            Assert.areEqual('Invalid conversion from runtime type String to Integer', e.getMessage());
        }`,
                    auraHandled: `
        AuraHandledException e = new AuraHandledException('for the client');
        Assert.areEqual('Script-thrown exception', e.getMessage(), 'Apex sees a generic message until setMessage');
        e.setMessage('for Apex too');
        Assert.areEqual('for Apex too', e.getMessage());`,
                divideByZero: `
        try {
            Integer z = 0;
            Integer x = 1 / z;
            Assert.fail('no exception');
        } catch (MathException e) {
            Assert.areEqual('Divide by 0', e.getMessage());
        }`,
                },
                '    public class MyException extends Exception {}',
            ),
        },
    });
});

test('an uncaught exception is reported as ERROR with an Apex stack trace', () => {
    // apex_testing_unit_tests_running.htm (a test that throws fails with the exception and its stack trace)
    const results = runApex({
        classes: {
            Thrower: 'public class Thrower {\n    public static void go() {\n        throw new IllegalArgumentException(\'bad input\');\n    }\n}',
            LangUncaughtTest: testClass('LangUncaughtTest', { throws: '        Thrower.go();' }),
        },
    });
    const r = results.get('LangUncaughtTest.throws')!;
    assert.equal(r.outcome, 'ERROR');
    assert.equal(r.message, 'System.IllegalArgumentException: bad input');
    assert.match(r.stack ?? '', /^Class\.Thrower\.go: line 3, column \d+\nClass\.LangUncaughtTest\.throws: line \d+/);
});

test('operators: safe navigation, null coalescing, ternary, case-insensitive ==, ===', () => {
    // langCon_apex_SafeNavigationOperator.htm, langCon_apex_NullCoalescingOperator.htm, langCon_apex_expressions_operators_understanding.htm
    expectAllPass({
        classes: {
            LangOpTest: testClass('LangOpTest', {
                ops: `
        Account a;
        Assert.isNull(a?.Name);
        Assert.isNull(a?.Name.toUpperCase(), 'the rest of the chain is not evaluated');
        List<Account> none = new List<Account>();
        Assert.isNull([SELECT Name FROM Account WHERE Name = 'nobody']?.Name, 'no rows gives null');
        Assert.areEqual('dflt', a?.Name ?? 'dflt');
        Assert.isTrue('Hello' == 'hello', 'String == is case-insensitive');
        Assert.isFalse('Hello'.equals('hello'), 'equals is case-sensitive');
        Integer x = 5;
        Assert.areEqual('odd', Math.mod(x, 2) == 1 ? 'odd' : 'even');
        List<Integer> l1 = new List<Integer>{ 1 };
        List<Integer> l2 = new List<Integer>{ 1 };
        Assert.isTrue(l1 == l2);
        Assert.isFalse(l1 === l2);
        Integer big = 2147483647;
        Assert.areEqual(-2147483648, big + 1, 'Integer overflow wraps');
        Assert.areEqual(2, 5 / 2, 'integer division');
        Assert.areEqual(2.5, 5 / 2.0);
        Long shifted = 1L << 40;
        Assert.areEqual(1099511627776L, shifted);
        INTEGER CaseInsensitive = 1;
        Assert.areEqual(1, caseinsensitive);`,
            }),
        },
    });
});

test('collections: List, Set, Map methods and insertion order', () => {
    // apex_methods_system_list.htm, apex_methods_system_set.htm, apex_methods_system_map.htm
    expectAllPass({
        classes: {
            LangCollTest: testClass('LangCollTest', {
                lists: `
        List<String> l = new List<String>{ 'b', 'a' };
        l.add('c');
        l.add(0, 'z');
        Assert.areEqual(4, l.size());
        Assert.areEqual('z', l.get(0));
        Assert.areEqual(2, l.indexOf('a'));
        Assert.isTrue(l.contains('c'));
        l.sort();
        Assert.areEqual('(a, b, c, z)', String.valueOf(l));
        Assert.areEqual('a', l.remove(0));
        String[] arr = new String[2];
        Assert.areEqual(2, arr.size());
        Assert.isNull(arr[0]);`,
                sets: `
        Set<String> s = new Set<String>{ 'b', 'a' };
        Assert.isTrue(s.add('c'));
        Assert.isFalse(s.add('a'));
        Assert.isFalse(s.contains('A'), 'Set<String> is case-sensitive');
        s.retainAll(new Set<String>{ 'a', 'c' });
        Assert.areEqual(new Set<String>{ 'a', 'c' }, s);
        Set<Id> ids = new Set<Id>{ '001000000000001AAA' };
        Assert.isTrue(ids.contains('001000000000001'), '15- and 18-character Ids are the same Id');`,
                maps: `
        Map<String, Integer> m = new Map<String, Integer>{ 'one' => 1 };
        m.put('two', 2);
        Assert.areEqual(2, m.size());
        Assert.isNull(m.get('ONE'), 'Map<String,..> keys are case-sensitive');
        Assert.areEqual(new List<String>{ 'one', 'two' }, new List<String>(m.keySet()));
        Assert.areEqual(new List<Integer>{ 1, 2 }, m.values());
        Assert.areEqual(1, m.remove('one'));
        Assert.isFalse(m.containsKey('one'));`,
            }),
        },
    });
});

test('Type.forName, newInstance, getName; interfaces through Type', () => {
    // apex_methods_system_type.htm
    expectAllPass({
        classes: {
            Greeter: 'public interface Greeter { String greet(); }',
            HelloGreeter: "public class HelloGreeter implements Greeter { public String greet() { return 'hello'; } }",
            LangTypeTest: testClass('LangTypeTest', {
                types: `
        Type t = Type.forName('HelloGreeter');
        Assert.areEqual('HelloGreeter', t.getName());
        Greeter g = (Greeter) t.newInstance();
        Assert.areEqual('hello', g.greet());
        Assert.isNull(Type.forName('NoSuchClass'));
        Assert.areEqual(String.class, Type.forName('String'));`,
            }),
        },
    });
});

test('unsupported constructs fail loudly, naming the construct', () => {
    const results = runApex({
        classes: {
            LangUnsupportedTest: testClass('LangUnsupportedTest', {
                sosl: "        List<List<SObject>> r = [FIND 'x' IN ALL FIELDS RETURNING Account];",
            }),
        },
    });
    const r = results.get('LangUnsupportedTest.sosl')!;
    assert.equal(r.outcome, 'UNSUPPORTED');
    assert.match(r.message ?? '', /SOSL/);
});

test('Set and Map keys use value equality for Decimal, Date, SObjects and Apex objects with hashCode', () => {
    // apexcode: langCon_apex_collections_maps_keys_userdefined.htm ("Using Custom Types in Map Keys and Sets"),
    // langCon_apex_collections_sets.htm (sObjects in sets: uniqueness by field values)
    expectAllPass({
        classes: {
            Point: `public class Point {
    Integer x; Integer y;
    public Point(Integer x, Integer y) { this.x = x; this.y = y; }
    public Boolean equals(Object o) { return o instanceof Point && ((Point) o).x == x && ((Point) o).y == y; }
    public Integer hashCode() { return 31 * x + y; }
}`,
            LangKeysTest: testClass('LangKeysTest', {
                keys: `
        Set<Decimal> ds = new Set<Decimal>{ 1.5, 1.5 };
        Assert.areEqual(1, ds.size());
        Map<Date, String> byDate = new Map<Date, String>{ Date.newInstance(2024, 1, 1) => 'a' };
        Assert.areEqual('a', byDate.get(Date.newInstance(2024, 1, 1)));
        Set<Account> accs = new Set<Account>{ new Account(Name = 'x'), new Account(Name = 'x') };
        Assert.areEqual(1, accs.size());
        Map<Point, String> pts = new Map<Point, String>{ new Point(1, 2) => 'p' };
        Assert.areEqual('p', pts.get(new Point(1, 2)));
        Assert.isTrue(new Set<Point>{ new Point(3, 4) }.contains(new Point(3, 4)));`,
            }),
        },
    });
});

test('a larger program: generics, nested collections, polymorphism through base-class calls, loops', () => {
    // apexcode: apex_classes_extending.htm (virtual dispatch from base-class code), langCon_apex_collections.htm
    // (nested collections), langCon_apex_loops.htm (do-while, for with several variables, break/continue),
    // langCon_apex_rules_of_conversion.htm (numeric hierarchy)
    expectAllPass({
        classes: {
            Animal: `public virtual class Animal {
    public String describe() { return name() + ' says ' + sound(); }
    protected virtual String name() { return 'animal'; }
    protected virtual String sound() { return '...'; }
}`,
            Dog: "public virtual class Dog extends Animal { protected override String name() { return 'dog'; } protected override virtual String sound() { return 'woof'; } }",
            Puppy: "public class Puppy extends Dog { protected override String sound() { return super.sound() + '!'; } }",
            LangProgramTest: testClass('LangProgramTest', {
                program: `
        Assert.areEqual('dog says woof!', new Puppy().describe());
        Map<String, List<Integer>> groups = new Map<String, List<Integer>>();
        for (Integer i = 0, j = 10; i < j; i++, j--) {
            String key = Math.mod(i, 2) == 0 ? 'even' : 'odd';
            if (!groups.containsKey(key)) groups.put(key, new List<Integer>());
            groups.get(key).add(i);
        }
        Assert.areEqual(new List<Integer>{ 0, 2, 4 }, groups.get('even'));
        Assert.areEqual(new List<Integer>{ 1, 3 }, groups.get('odd'));
        Integer n = 0;
        do {
            n++;
            if (n == 2) continue;
            if (n > 4) break;
        } while (true);
        Assert.areEqual(5, n);
        List<List<String>> grid = new List<List<String>>{ new List<String>{ 'a' }, new List<String>{ 'b', 'c' } };
        Integer cells = 0;
        for (List<String> row : grid) cells += row.size();
        Assert.areEqual(3, cells);
        Set<String> seen = new Set<String>();
        for (String s : 'b,a,b,c'.split(',')) seen.add(s);
        List<String> sorted = new List<String>(seen);
        sorted.sort();
        Assert.areEqual('a|b|c', String.join(sorted, '|'));
        Long big = 1;
        for (Integer k = 0; k < 40; k++) big *= 2;
        Assert.areEqual(1099511627776L, big);
        Decimal total = 0;
        for (Decimal d : new List<Decimal>{ 0.1, 0.2 }) total += d;
        Assert.areEqual(0.3, total, 'Decimal arithmetic is exact');
        Double dbl = 0.1;
        Double other = 0.2;
        Assert.areNotEqual(0.3, dbl + other, 'Double arithmetic is binary floating point');
        Assert.areEqual(0.3, dbl + 0.2, 'Double + Decimal is Decimal (Integer < Long < Double < Decimal)');`,
            }),
        },
    });
});

test('modifying a List or Set inside a for-each over it throws FinalException', () => {
    // apexcode: langCon_apex_collections_iterating.htm ("Iterating Collections"); Winter '25 release notes (sets, API 62.0)
    expectAllPass({
        classes: {
            LangIterTest: testClass('LangIterTest', {
                iterate: `
        List<String> l = new List<String>{ 'a', 'b' };
        try {
            for (String s : l) l.add('c');
            Assert.fail('no exception');
        } catch (FinalException e) {
            Assert.areEqual('Cannot modify a collection while it is being iterated.', e.getMessage());
        }
        Set<String> s = new Set<String>{ 'a', 'b' };
        try {
            for (String x : s) s.remove(x);
            Assert.fail('no exception');
        } catch (FinalException e) {
            Assert.areEqual(2, s.size());
        }
        for (String x : l) l[0] = 'z';
        Assert.areEqual('z', l[0], 'replacing an element is not a structural change');`,
            }),
        },
    });
});

test('overloads are chosen by the declared type of the argument, not only its runtime type', () => {
    // apexcode: apex_classes_defining_methods.htm (overloaded methods resolved at compile time from declared types)
    expectAllPass({
        classes: {
            Printer: `public class Printer {
    public static String show(Object o) { return 'object'; }
    public static String show(String s) { return 'string'; }
    public String inst(Object o) { return 'object'; }
    public String inst(String s) { return 'string'; }
}`,
            LangOverloadTest: testClass('LangOverloadTest', {
                overloads: `
        Object o = 'x';
        String s = 'y';
        Assert.areEqual('object', Printer.show(o));
        Assert.areEqual('string', Printer.show(s));
        Assert.areEqual('string', Printer.show('z'));
        Assert.areEqual('string', Printer.show((String) o));
        Printer p = new Printer();
        Assert.areEqual('object', p.inst(o));
        Assert.areEqual('string', p.inst(s));`,
            }),
        },
    });
});

test('sorting lists of sObjects: type label, then Name, then other fields', () => {
    // apexcode: langCon_apex_collections_lists_sorting_sobject.htm ("Default Sort Order of sObjects")
    expectAllPass({
        classes: {
            LangSortTest: testClass('LangSortTest', {
                sortSObjects: `
        List<SObject> l = new List<SObject>{
            new Contact(LastName = 'Z'),
            new Account(Name = 'b', Description = '2'),
            new Account(Name = 'b', Description = '1'),
            new Account(Name = 'a')
        };
        l.sort();
        Assert.areEqual('a', l[0].get('Name'));
        Assert.areEqual('1', l[1].get('Description'), 'same Name: the next standard field decides');
        Assert.areEqual('2', l[2].get('Description'));
        Assert.isTrue(l[3] instanceof Contact, 'Account sorts before Contact by label');`,
            }),
        },
    });
});
