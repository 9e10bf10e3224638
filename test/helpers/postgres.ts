/** The throwaway PostgreSQL cluster, started and stopped around a vitest file (the cluster itself is in postgres-cluster.ts, which Playwright uses too). */
import { afterAll, beforeAll } from 'vitest';
import { startTestCluster, type TestCluster } from './postgres-cluster.js';

export { postgresBinDir, startTestCluster, type TestCluster } from './postgres-cluster.js';

/**
 * Starts a cluster before the test file's tests and stops it after them.
 * Returns a getter, since the cluster exists only once beforeAll has run:
 *
 *   const cluster = useTestCluster();
 *   it('…', async () => { const url = await cluster().createDatabase(); … });
 */
export function useTestCluster(): () => TestCluster {
  let cluster: TestCluster | undefined;
  beforeAll(async () => {
    cluster = await startTestCluster();
  }, 120_000);
  afterAll(() => {
    cluster?.stop();
  });
  return () => {
    if (cluster === undefined) throw new Error('the test cluster is not started: call useTestCluster() at the top of the test file');
    return cluster;
  };
}
