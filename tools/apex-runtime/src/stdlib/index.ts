/** Builds the standard-library registry. */
import { installAsyncInterfaces } from './async.js';
import { installCollections } from './collections.js';
import { installCrypto } from './crypto.js';
import { installPublishCallbackInterfaces } from './eventbus-callbacks.js';
import { installJson } from './json.js';
import { installHttp } from './http.js';
import { installDatetime } from './datetime.js';
import { installNumbers } from './numbers.js';
import { installOrgLimits } from './orglimits.js';
import { NativeRegistry } from './registry.js';
import { installStrings } from './strings.js';
import { installSystem } from './system.js';

export type Installer = (reg: NativeRegistry) => void;

const extraInstallers: Installer[] = [];

/** Lets other modules (json, http, schema, database, async...) contribute types. */
export function registerInstaller(i: Installer): void {
    extraInstallers.push(i);
}

export function createRegistry(): NativeRegistry {
    const reg = new NativeRegistry();
    reg.add({ name: 'Object' });
    installStrings(reg);
    installNumbers(reg);
    installCollections(reg);
    installDatetime(reg);
    installSystem(reg);
    installAsyncInterfaces(reg);
    installPublishCallbackInterfaces(reg);
    installCrypto(reg);
    installJson(reg);
    installHttp(reg);
    installOrgLimits(reg);
    reg.add({ name: 'System.SObjectDescribeOptions', key: 'sobjectdescribeoptions', enumValues: ['DEFAULT', 'DEFERRED', 'FULL'] });
    for (const i of extraInstallers) i(reg);
    return reg;
}
