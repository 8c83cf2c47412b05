/** Worker thread of the policies loader's pool: prepares the policy sources it is sent (policies.ts). */
import { serveRequests } from '../lib/workers/pool.ts';
import { preparePolicy } from './prepare.ts';

serveRequests(({ source, pageFile }: { source: string; pageFile: string }) => preparePolicy(source, pageFile));
