/**
 * System.OrgLimits / System.OrgLimit (Apex Reference Guide, "OrgLimits Class" and "OrgLimit Class":
 * https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_OrgLimits.htm).
 * The runtime models a fresh Developer Edition org: every usage value is 0. The limits below are the documented
 * defaults of that edition (VERIFY in an org: they vary by edition and licences). A name outside this catalogue is
 * absent from getMap(), as it is for a limit an org does not report.
 */
import { ApexList, ApexMap, NativeObject } from '../interpreter/rvalues.js';
import { prim } from '../interpreter/types.js';
import type { NativeRegistry } from './registry.js';

const CATALOGUE: Record<string, number> = {
    DailyAsyncApexExecutions: 250000,
    DailyApiRequests: 15000,
    DailyBulkApiBatches: 15000,
    DailyWorkflowEmails: 15,
    HourlyPublishedPlatformEvents: 50000,
    DailyDeliveredPlatformEvents: 10000,
    DataStorageMB: 5,
    FileStorageMB: 20,
    SingleEmail: 15
};

const ORG_LIMIT = { k: 'native', name: 'System.OrgLimit' } as const;

function orgLimit(name: string, max: number): NativeObject {
    return new NativeObject('System.OrgLimit', { name, limit: max, value: 0 });
}

export function installOrgLimits(reg: NativeRegistry): void {
    reg.add({
        name: 'System.OrgLimit',
        key: 'orglimit',
        methods: {
            getname: (_rt, self: NativeObject) => self.data.name,
            getlimit: (_rt, self: NativeObject) => self.data.limit,
            getvalue: (_rt, self: NativeObject) => self.data.value
        }
    });
    reg.add({
        name: 'System.OrgLimits',
        key: 'orglimits',
        statics: {
            getmap: () => {
                const m = new ApexMap(prim('string'), ORG_LIMIT);
                for (const [name, max] of Object.entries(CATALOGUE)) m.put(name, orgLimit(name, max));
                return m;
            },
            getall: () => new ApexList(ORG_LIMIT, Object.entries(CATALOGUE).map(([name, max]) => orgLimit(name, max)))
        }
    });
}
