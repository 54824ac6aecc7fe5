/**
 * Command line: `partner-center-emulator [--port N] [--host H] [--state FILE] [--seed-demo] [--no-webhooks]
 * [--config JSON] [--retry-base-ms N]`. Prints `listening on http://127.0.0.1:PORT` once ready; stops on SIGINT /
 * SIGTERM after writing the state file.
 */

import { parseArgs } from 'node:util';
import { demoReferrals } from './demo.ts';
import { startEmulator, type EmulatorOptions } from './emulator.ts';

const USAGE = `Usage: partner-center-emulator [options]
  --port N            TCP port (default 0 = any free port)
  --host H            interface (default 127.0.0.1)
  --state FILE        keep referrals, the webhook registration and the offline queue in FILE across restarts
  --seed-demo         add demo incoming referrals when the state is empty
  --no-webhooks       do not deliver webhooks
  --certificate-url U x-ms-certificate-url to send (default: this emulator's /cert/ endpoint)
  --config JSON       any other configuration keys, as a JSON object (see README)
  --help              this text`;

/** Runs the CLI; resolves once the server listens. */
export async function main(argv: string[]): Promise<void> {
    const { values } = parseArgs({
        args: argv,
        options: {
            port: { type: 'string' },
            host: { type: 'string' },
            state: { type: 'string' },
            'seed-demo': { type: 'boolean' },
            'no-webhooks': { type: 'boolean' },
            'certificate-url': { type: 'string' },
            config: { type: 'string' },
            help: { type: 'boolean' }
        },
        strict: true
    });
    if (values.help) {
        console.log(USAGE);
        return;
    }
    const options: EmulatorOptions = {
        ...(values.config ? (JSON.parse(values.config) as EmulatorOptions) : {}),
        port: values.port === undefined ? 0 : Number(values.port),
        host: values.host ?? '127.0.0.1'
    };
    if (values.state) {
        options.stateFile = values.state;
    }
    if (values['no-webhooks']) {
        options.webhookDelivery = false;
    }
    if (values['certificate-url']) {
        options.certificateUrl = values['certificate-url'];
    }
    const emulator = await startEmulator(options);
    if (values['seed-demo'] && emulator.store.size === 0) {
        for (const overrides of demoReferrals()) {
            emulator.admin.createIncomingReferral(overrides);
        }
    }
    console.log(`listening on ${emulator.url}`);
    const stop = (): void => {
        void emulator.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
}
