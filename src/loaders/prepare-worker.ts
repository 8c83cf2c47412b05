/** Worker thread of the policies loader's pool: prepares the policy sources it is sent (see pool.ts). */
import { parentPort } from 'node:worker_threads';
import { preparePolicy } from './prepare.ts';

parentPort!.on('message', ({ id, source, sectionsFile }: { id: number; source: string; sectionsFile: string }) => {
  try {
    parentPort!.postMessage({ id, result: preparePolicy(source, sectionsFile) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
