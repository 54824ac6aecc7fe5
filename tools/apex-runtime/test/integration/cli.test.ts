/**
 * Integration: the CLI end to end (output lines, exit code, JUnit and coverage files), the loopback callout
 * transport (`APEX_RUNTIME_CALLOUT_BASE_<NAME>`) and the Apex REST entry point.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createRestInvoker } from '../../src/testing/rest.js';

const TOOL = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(TOOL, 'bin', 'apex-runtime.mjs');

let dir = '';

function write(rel: string, content: string): void {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
}

before(() => {
    dir = mkdtempSync(join(tmpdir(), 'apex-cli-'));
    write('sfdx-project.json', JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '67.0' }));
    write(
        'force-app/main/default/namedCredentials/Echo.namedCredential-meta.xml',
        `<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Echo</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
    <namedCredentialParameters>
        <parameterName>Url</parameterName>
        <parameterType>Url</parameterType>
        <parameterValue>https://echo.example.com</parameterValue>
    </namedCredentialParameters>
</NamedCredential>
`,
    );
    write(
        'force-app/main/default/classes/Greeter.cls',
        `public with sharing class Greeter {
    public static String greet(String name) {
        if (name == null) {
            return 'nobody';
        }
        return 'Hello ' + name;
    }
    public static String echo(String path) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Echo' + path);
        req.setMethod('POST');
        req.setBody('ping');
        HttpResponse res = new Http().send(req);
        return res.getStatusCode() + ' ' + res.getBody();
    }
}
`,
    );
    write(
        'force-app/main/default/classes/EchoResource.cls',
        `@RestResource(urlMapping='/echo/*')
global with sharing class EchoResource {
    @HttpPost
    global static void post() {
        RestRequest req = RestContext.request;
        RestContext.response.statusCode = 202;
        RestContext.response.addHeader('X-Echo', req.headers.get('X-In'));
        RestContext.response.responseBody = Blob.valueOf(req.requestURI + ':' + req.requestBody.toString());
    }
}
`,
    );
    write(
        'force-app/main/default/classes/GreeterTest.cls',
        `@IsTest
private class GreeterTest {
    @IsTest
    static void greets() {
        Assert.areEqual('Hello Ann', Greeter.greet('Ann'));
    }
    @IsTest
    static void failsOnPurpose() {
        Assert.areEqual('Hi Ann', Greeter.greet('Ann'), 'wrong greeting');
    }
    @IsTest
    static void echoes() {
        Assert.areEqual('200 echo:/v1/x:ping', Greeter.echo('/v1/x'));
    }
}
`,
    );
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('CLI prints per-method results, the summary line, and writes JUnit and coverage files', () => {
    const junit = join(dir, 'out', 'junit.xml');
    const coverage = join(dir, 'out', 'coverage.json');
    const r = spawnSync(process.execPath, [BIN, 'test', dir, '--filter', 'GreeterTest.greets,GreeterTest.failsOnPurpose', '--junit', junit, '--coverage', coverage], {
        encoding: 'utf8',
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^PASS +GreeterTest\.greets/m);
    assert.match(r.stdout, /^FAIL +GreeterTest\.failsOnPurpose/m);
    assert.match(r.stdout, /System\.AssertException: Assertion Failed: wrong greeting: Expected: Hi Ann, Actual: Hello Ann/);
    assert.match(r.stdout, /Class\.GreeterTest\.failsOnPurpose: line 9, column \d+/);
    assert.match(r.stdout, /\n1 passed, 1 failed\n$/);
    const xml = readFileSync(junit, 'utf8');
    assert.match(xml, /<testsuite name="GreeterTest" tests="2" failures="1" errors="0">/);
    const cov = JSON.parse(readFileSync(coverage, 'utf8'));
    const greeter = cov.files['force-app/main/default/classes/Greeter.cls'];
    assert.deepEqual(greeter.covered, [3, 6]);
    assert.ok(greeter.uncovered.includes(4), 'the null branch is not covered');
});

test('a callout without a mock fails as on the platform; the loopback variable routes it to a local server', async () => {
    const plain = spawnSync(process.execPath, [BIN, 'test', dir, '--filter', 'GreeterTest.echoes'], { encoding: 'utf8' });
    assert.match(plain.stdout, /System\.CalloutException: Methods defined as TestMethod do not support Web service callouts/);

    // an echo server in its own process (the runtime blocks on the callout, so it cannot be served in-process)
    const server = spawn(
        process.execPath,
        [
            '-e',
            `const s = require('http').createServer((q, r) => { let b = ''; q.on('data', (c) => (b += c)); q.on('end', () => { r.end('echo:' + q.url + ':' + b); }); });
             s.listen(0, '127.0.0.1', () => console.log(s.address().port));`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
        const port = await new Promise<string>((res) => server.stdout!.once('data', (d) => res(String(d).trim())));
        const routed = spawnSync(process.execPath, [BIN, 'test', dir, '--filter', 'GreeterTest.echoes'], {
            encoding: 'utf8',
            env: { ...process.env, APEX_RUNTIME_CALLOUT_BASE_Echo: `http://127.0.0.1:${port}` },
        });
        assert.match(routed.stdout, /^PASS +GreeterTest\.echoes/m, routed.stdout);
        assert.equal(routed.status, 0);
    } finally {
        server.kill();
    }
});

test('invokeRestResource runs the @HttpPost method with RestContext and returns the response', () => {
    const inv = createRestInvoker(dir);
    const r = inv.invokeRestResource('/services/apexrest/echo/abc', 'POST', { 'X-In': 'hi' }, Buffer.from('body'));
    assert.equal(r.statusCode, 202);
    assert.equal(r.headers['X-Echo'], 'hi');
    assert.equal(r.body.toString(), '/echo/abc:body');
    assert.equal(inv.invokeRestResource('/services/apexrest/nothing', 'POST', {}, null).statusCode, 404);
    assert.equal(inv.invokeRestResource('/services/apexrest/echo/x', 'GET', {}, null).statusCode, 405);
});

test('apex-runtime run executes anonymous Apex and prints System.debug output', () => {
    const file = join(dir, 'snippet.apex');
    writeFileSync(file, "String who = 'Bob';\nSystem.debug(Greeter.greet(who));\nInteger n = [SELECT COUNT() FROM Account];\nSystem.debug(n);\n");
    const r = spawnSync(process.execPath, [BIN, 'run', dir, file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, 'DEBUG|Hello Bob\nDEBUG|0\n');
});
