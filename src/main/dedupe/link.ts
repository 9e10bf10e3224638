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
import { createCluster, hasClustersOfKind, lowerClusterSimilarity, memberPlacesInDocument } from '../store/duplicates.js';
import { HashList } from './fold.js';
import { UnionFind } from './union-find.js';
import type { Links } from './verify.js';
import { MemberBatch, weightedBatches } from './write-batches.js';

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
  // Nodes: the items linked, numbered in order of first appearance; typed arrays, as there can be a million.
  let lastItem = -1;
  for (let i = 0; i < links.count; i++) lastItem = Math.max(lastItem, links.a[i] as number, links.b[i] as number);
  const nodeOf = new Int32Array(lastItem + 1).fill(-1);
  const itemList = new HashList(1024);
  const node = (item: number): number => {
    let index = nodeOf[item] as number;
    if (index === -1) {
      index = itemList.length;
      nodeOf[item] = index;
      itemList.push(item);
    }
    return index;
  };
  for (let i = 0; i < links.count; i++) {
    node(links.a[i] as number);
    node(links.b[i] as number);
  }
  const count = itemList.length;
  const items = itemList.values.subarray(0, count);
  const documentIds = new Uint32Array(count);
  const startCp = new Uint32Array(count);
  const endCp = new Uint32Array(count);
  for (let index = 0; index < count; index++) {
    const place = placeOf(items[index] as number);
    documentIds[index] = place.documentId;
    startCp[index] = place.startCp;
    endCp[index] = place.endCp;
  }
  const existing = storedClusters(db, kind, count, documentIds, startCp, endCp);

  const sets = new UnionFind(count);
  const clusterOfRoot = new Float64Array(count);
  const weakestLink = new Float64Array(count).fill(1);
  const bestLink = new Float64Array(count);
  const firstNodeOfCluster = new Map<number, number>();
  for (let index = 0; index < count; index++) {
    const clusterId = existing[index] as number;
    if (clusterId === 0) continue;
    const first = firstNodeOfCluster.get(clusterId);
    if (first === undefined) firstNodeOfCluster.set(clusterId, index);
    else sets.union(first, index);
  }
  for (let index = 0; index < count; index++) {
    if (existing[index] !== 0) clusterOfRoot[sets.find(index)] = existing[index] as number;
  }

  for (let i = 0; i < links.count; i++) {
    const x = nodeOf[links.a[i] as number] as number;
    const y = nodeOf[links.b[i] as number] as number;
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

  // Components in order of their first node, each listing its nodes in order: component c is nodes[start[c], start[c + 1]).
  const componentOfRoot = new Int32Array(count).fill(-1);
  const roots: number[] = [];
  const sizes: number[] = [];
  const componentOf = new Uint32Array(count);
  for (let index = 0; index < count; index++) {
    const root = sets.find(index);
    let component = componentOfRoot[root] as number;
    if (component === -1) {
      component = roots.length;
      componentOfRoot[root] = component;
      roots.push(root);
      sizes.push(0);
    }
    componentOf[index] = component;
    sizes[component] = (sizes[component] as number) + 1;
  }
  const start = new Uint32Array(roots.length + 1);
  for (let component = 0; component < roots.length; component++) start[component + 1] = (start[component] as number) + (sizes[component] as number);
  const fill = start.slice(0, roots.length);
  const nodes = new Uint32Array(count);
  for (let index = 0; index < count; index++) {
    const component = componentOf[index] as number;
    nodes[fill[component] as number] = index;
    fill[component] = (fill[component] as number) + 1;
  }

  let clustersCreated = 0;
  const outcome = { membersAdded: 0, documents: new Set<number>() };
  const members = new MemberBatch();
  const write = writeTransaction(db, (from: number, to: number) => {
    const stamp = now();
    for (let component = from; component < to; component++) {
      const root = roots[component] as number;
      const componentNodes = nodes.subarray(start[component] as number, start[component + 1] as number);
      let clusterId = clusterOfRoot[root] as number;
      const joining = componentNodes.filter((index) => existing[index] !== clusterId || clusterId === 0);
      if (joining.length === 0 || (clusterId === 0 && joining.length < 2)) {
        if (clusterOf && clusterId !== 0) for (const index of componentNodes) clusterOf[items[index] as number] = clusterId;
        continue;
      }
      const weakest = weakestLink[root] as number;
      if (clusterId === 0) {
        clusterId = createCluster(db, kind, weakest, stamp);
        clustersCreated++;
      } else {
        lowerClusterSimilarity(db, clusterId, weakest, stamp);
      }
      if (clusterOf) for (const index of componentNodes) clusterOf[items[index] as number] = clusterId;
      for (const index of joining) {
        members.add(clusterId, documentIds[index] as number, startCp[index] as number, endCp[index] as number, bestLink[index] as number);
      }
    }
    members.write(db, stamp, outcome);
  });
  for (const [from, to] of weightedBatches(roots.length, (component) => sizes[component] as number)) {
    if (signal?.aborted) return null;
    write(from, to);
    await yieldToEventLoop();
  }
  return { clustersCreated, ...outcome };
}

/** For each place, the stored cluster of `kind` it is already a member of (the oldest), or 0. */
function storedClusters(db: Db, kind: DuplicateKind, count: number, documentIds: Uint32Array, startCp: Uint32Array, endCp: Uint32Array): Float64Array {
  const clusters = new Float64Array(count);
  // A project's first run has nothing stored: no need to ask once per document.
  if (!hasClustersOfKind(db, kind)) return clusters;
  const byDocument = new Map<number, Map<string, number>>();
  for (let index = 0; index < count; index++) {
    const documentId = documentIds[index] as number;
    let known = byDocument.get(documentId);
    if (!known) {
      known = new Map();
      for (const member of memberPlacesInDocument(db, kind, documentId)) {
        const key = `${member.startCp}:${member.endCp}`;
        if (!known.has(key)) known.set(key, member.clusterId);
      }
      byDocument.set(documentId, known);
    }
    clusters[index] = known.get(`${startCp[index] as number}:${endCp[index] as number}`) ?? 0;
  }
  return clusters;
}
