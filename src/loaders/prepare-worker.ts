/** Worker thread of the policies loader's pool: prepares the policy sources it is sent (see pool.ts). */
import { parentPort } from 'node:worker_threads';
import { preparePolicy } from './prepare.ts';

parentPort!.on('message', ({ id, source, pageFile }: { id: number; source: string; pageFile: string }) => {
  try {
    parentPort!.postMessage({ id, result: preparePolicy(source, pageFile) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
