import { FakePartnerCenter, type FakeOptions } from './fakePartnerCenter.js';

/**
 * The fake Partner Center in a process of its own, driven over IPC (`fork`): a benchmark measures
 * its own process's CPU without the fake's side of every call. Messages in: `decide`, `stop`;
 * out: `{url}` once listening, an `ack` per decision, `{cpu}` (microseconds) before it exits.
 */

type Command =
  | { kind: 'decide'; seq: number; id: string; status: 'Approved' | 'Denied'; reason?: string }
  | { kind: 'stop' };

const options = JSON.parse(process.argv[2] ?? '{}') as FakeOptions;
const fake = await FakePartnerCenter.start(options);
const send = (message: object) => process.send?.(message);
send({ url: fake.url });

process.on('message', (command: Command) => {
  if (command.kind === 'decide') {
    fake.decide(command.id, command.status, command.reason);
    send({ ack: command.seq });
    return;
  }
  const cpu = process.cpuUsage();
  void fake.stop().then(() => {
    send({ cpu: cpu.user + cpu.system });
    process.disconnect?.();
  });
});
