/** Worker thread of the policies loader's pool: prepares the policy sources it is sent (see prepare-pool.ts). */
import { serveRequests } from '../lib/workers/pool.ts';
import type { PrepareRequest } from './prepare-pool.ts';
import { preparePolicy } from './prepare.ts';

serveRequests(({ source, pageFile }: PrepareRequest) => preparePolicy(source, pageFile));
