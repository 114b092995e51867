/**
 * Child process: takes the lock of a shared file and holds it until its stdin closes (or it is killed).
 * argv: <shared file> <operator> <host|-> <startedAt ISO>
 */
import { writeSync } from 'node:fs';
import { acquireSharedLock } from '../../../../electron/services/sharing/lock';

const [sharedPath, operator, host, startedAt] = process.argv.slice(2) as [string, string, string, string];
const lock = acquireSharedLock(sharedPath, { now: new Date(startedAt), operator, host: host === '-' ? undefined : host });
writeSync(1, `locked ${process.pid}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  lock.release();
  writeSync(1, 'released\n');
  process.exit(0);
});
