/**
 * Child process of the search-index stage (src/lib/search/pagefind-index.ts): receives one partition's job
 * over IPC, indexes it with a Pagefind process of its own, answers with the number of passages or the error,
 * and exits. Separate processes let two partitions use both cores.
 */
import * as pagefind from 'pagefind';
import { indexPartition, type PartitionJob } from './pagefind-index.ts';

process.once('message', async (job: PartitionJob) => {
  try {
    const passages = await indexPartition(job);
    process.send?.({ passages });
  } catch (error) {
    process.send?.({ error: error instanceof Error ? error.message : String(error) });
  } finally {
    await pagefind.close();
    process.disconnect?.();
  }
});
