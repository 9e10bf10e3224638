/**
 * Turning verified links into stored clusters. Links are joined strongest
 * first with union-find, so transitively linked passages form one cluster whose
 * similarity is the weakest link that joined it. Clusters already stored are
 * respected: an item already in a cluster brings its cluster along, new items
 * join it as suggested members (the cluster keeps its status and decision), and
 * two stored clusters are never merged behind the back of whoever decided them.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { DuplicateKind } from '../../shared/model.js';
import type { Db } from '../store/connection.js';
import { now, writeTransaction } from '../store/statements.js';
import { addMember, createCluster, hasClustersOfKind, lowerClusterSimilarity, memberPlacesInDocument } from '../store/duplicates.js';
import { UnionFind } from './union-find.js';
import type { Links } from './verify.js';
import { weightedBatches } from './write-batches.js';

/** Where an item lies: the member a cluster gets for it. */
export interface ItemPlace {
  readonly documentId: number;
  readonly startCp: number;
  readonly endCp: number;
}

export interface LinkOutcome {
  readonly clustersCreated: number;
  readonly membersAdded: number;
  /** Documents that gained a member. */
  readonly documents: ReadonlySet<number>;
}


/**
 * Stores the clusters the links make; null when cancelled (what was written
 * stays sound). With `clusterOf` (indexed by item), each linked item's entry
 * is set to the cluster it is in once written, for the steps that follow.
 */
export async function linkClusters(
  db: Db,
  kind: DuplicateKind,
  links: Links,
  placeOf: (item: number) => ItemPlace,
  signal?: AbortSignal,
  clusterOf?: Float64Array,
): Promise<LinkOutcome | null> {
  const nodeOf = new Map<number, number>();
  const items: number[] = [];
  const node = (item: number): number => {
    let index = nodeOf.get(item);
    if (index === undefined) {
      index = items.length;
      nodeOf.set(item, index);
      items.push(item);
    }
    return index;
  };
  for (let i = 0; i < links.count; i++) {
    node(links.a[i] as number);
    node(links.b[i] as number);
  }
  const count = items.length;
  const places = items.map(placeOf);
  const existing = storedClusters(db, kind, places);

  const sets = new UnionFind(count);
  const clusterOfRoot = new Float64Array(count);
  const weakestLink = new Float64Array(count).fill(1);
  const bestLink = new Float64Array(count);
  const firstNodeOfCluster = new Map<number, number>();
  existing.forEach((clusterId, index) => {
    if (clusterId === 0) return;
    const first = firstNodeOfCluster.get(clusterId);
    if (first === undefined) firstNodeOfCluster.set(clusterId, index);
    else sets.union(first, index);
  });
  existing.forEach((clusterId, index) => {
    if (clusterId !== 0) clusterOfRoot[sets.find(index)] = clusterId;
  });

  for (let i = 0; i < links.count; i++) {
    const x = nodeOf.get(links.a[i] as number) as number;
    const y = nodeOf.get(links.b[i] as number) as number;
    const similarity = links.similarity[i] as number;
    const rootX = sets.find(x);
    const rootY = sets.find(y);
    if (rootX !== rootY) {
      const clusterX = clusterOfRoot[rootX] as number;
      const clusterY = clusterOfRoot[rootY] as number;
      if (clusterX !== 0 && clusterY !== 0 && clusterX !== clusterY) continue;
      const root = sets.union(rootX, rootY);
      clusterOfRoot[root] = clusterX || clusterY;
      weakestLink[root] = Math.min(weakestLink[rootX] as number, weakestLink[rootY] as number, similarity);
    }
    bestLink[x] = Math.max(bestLink[x] as number, similarity);
    bestLink[y] = Math.max(bestLink[y] as number, similarity);
  }

  const components = new Map<number, number[]>();
  for (let index = 0; index < count; index++) {
    const root = sets.find(index);
    const members = components.get(root);
    if (members) members.push(index);
    else components.set(root, [index]);
  }

  let clustersCreated = 0;
  let membersAdded = 0;
  const documents = new Set<number>();
  const write = writeTransaction(db, (batch: readonly [number, number[]][]) => {
    const stamp = now();
    for (const [root, members] of batch) {
      let clusterId = clusterOfRoot[root] as number;
      const joining = members.filter((index) => existing[index] !== clusterId || clusterId === 0);
      if (joining.length === 0 || (clusterId === 0 && joining.length < 2)) {
        if (clusterOf && clusterId !== 0) for (const index of members) clusterOf[items[index] as number] = clusterId;
        continue;
      }
      const weakest = weakestLink[root] as number;
      if (clusterId === 0) {
        clusterId = createCluster(db, kind, weakest, stamp);
        clustersCreated++;
      } else {
        lowerClusterSimilarity(db, clusterId, weakest, stamp);
      }
      if (clusterOf) for (const index of members) clusterOf[items[index] as number] = clusterId;
      for (const index of joining) {
        const place = places[index] as ItemPlace;
        if (addMember(db, { clusterId, ...place, similarity: bestLink[index] as number }, stamp)) {
          membersAdded++;
          documents.add(place.documentId);
        }
      }
    }
  });
  const batches = [...components];
  for (const [from, to] of weightedBatches(batches.length, (i) => (batches[i] as [number, number[]])[1].length)) {
    if (signal?.aborted) return null;
    write(batches.slice(from, to));
    await yieldToEventLoop();
  }
  return { clustersCreated, membersAdded, documents };
}

/** For each place, the stored cluster of `kind` it is already a member of (the oldest), or 0. */
function storedClusters(db: Db, kind: DuplicateKind, places: readonly ItemPlace[]): number[] {
  // A project's first run has nothing stored: no need to ask once per document.
  if (!hasClustersOfKind(db, kind)) return places.map(() => 0);
  const byDocument = new Map<number, Map<string, number>>();
  return places.map((place) => {
    let known = byDocument.get(place.documentId);
    if (!known) {
      known = new Map();
      for (const member of memberPlacesInDocument(db, kind, place.documentId)) {
        const key = `${member.startCp}:${member.endCp}`;
        if (!known.has(key)) known.set(key, member.clusterId);
      }
      byDocument.set(place.documentId, known);
    }
    return known.get(`${place.startCp}:${place.endCp}`) ?? 0;
  });
}
