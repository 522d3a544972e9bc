import { stronglyConnectedComponents } from './strongly-connected';
import type { TableSchema } from '../introspect/table-schema';

/** "child references parent" between two different tables of the sync. */
export interface FkEdge {
  child: string;
  parent: string;
  constraintName: string;
  /** All FK columns nullable: a row can exist without this parent. */
  optional: boolean;
}

/** The foreign keys between the given tables (self-references and FKs to other tables left out). */
export function fkEdges(schemas: readonly TableSchema[]): FkEdge[] {
  const names = new Set(schemas.map((s) => s.name));
  const edges: FkEdge[] = [];
  for (const schema of schemas) {
    for (const fk of schema.foreignKeys) {
      if (fk.referencedTable === schema.name || !names.has(fk.referencedTable)) {
        continue;
      }
      const optional = fk.columns.every((c) => schema.columns.find((col) => col.name === c)?.nullable ?? false);
      edges.push({
        child: schema.name,
        parent: fk.referencedTable,
        constraintName: fk.constraintName,
        optional,
      });
    }
  }
  return edges;
}

/**
 * Table insert order: every table after the tables it references. Ties keep
 * the input order, so the result is deterministic.
 *
 * Self-references do not constrain the table order (rows within a table are
 * ordered by {@link orderRowsBySelfReference}). Tables in a reference cycle
 * (strongly connected components) are kept together and ordered by their
 * mandatory (NOT NULL) references only, since a nullable reference may be absent;
 * if mandatory references still form a cycle no order can satisfy immediate
 * constraints and the database will refuse the rows, which rolls the sync back.
 */
export function insertOrder(schemas: readonly TableSchema[]): string[] {
  const names = schemas.map((s) => s.name);
  const edges = fkEdges(schemas);
  const components = stronglyConnected(names, edges);
  const componentOf = new Map<string, number>();
  components.forEach((members, i) => members.forEach((m) => componentOf.set(m, i)));

  const componentEdges: [number, number][] = [];
  for (const e of edges) {
    const from = componentOf.get(e.parent) as number;
    const to = componentOf.get(e.child) as number;
    if (from !== to) {
      componentEdges.push([from, to]);
    }
  }
  // Tie-break components by their earliest member in the input order.
  const rank = components.map((members) => Math.min(...members.map((m) => names.indexOf(m))));
  const componentOrder = kahn(
    components.map((_, i) => i),
    componentEdges,
    (a, b) => rank[a] - rank[b],
  );

  const order: string[] = [];
  for (const c of componentOrder) {
    const members = components[c].slice().sort((a, b) => names.indexOf(a) - names.indexOf(b));
    if (members.length === 1) {
      order.push(members[0]);
      continue;
    }
    const inside = new Set(members);
    const mandatory = edges
      .filter((e) => !e.optional && inside.has(e.parent) && inside.has(e.child))
      .map((e): [string, string] => [e.parent, e.child]);
    order.push(...kahn(members, mandatory, (a, b) => names.indexOf(a) - names.indexOf(b)));
  }
  return order;
}

/**
 * Orders rows of one self-referencing table so a row comes after the rows it
 * references (a parent comment before its replies). `parents` are keys of rows
 * in the same set; keys outside the set are ignored (already in Production).
 * Rows in a reference cycle keep their input order at the end.
 */
export function orderRowsBySelfReference(rows: readonly { key: string; parents: readonly string[] }[]): string[] {
  const keys = rows.map((r) => r.key);
  const present = new Set(keys);
  const edges: [string, string][] = [];
  for (const r of rows) {
    for (const p of r.parents) {
      if (present.has(p) && p !== r.key) {
        edges.push([p, r.key]);
      }
    }
  }
  if (edges.length === 0) {
    return keys;
  }
  const position = new Map(keys.map((k, i) => [k, i]));
  return kahn(keys, edges, (a, b) => (position.get(a) as number) - (position.get(b) as number));
}

/**
 * Kahn's topological sort over `edges` ([before, after]); among ready nodes the
 * smallest by `compare` goes first. Nodes left in a cycle are appended by `compare`.
 */
function kahn<T>(nodes: readonly T[], edges: readonly [T, T][], compare: (a: T, b: T) => number): T[] {
  const indegree = new Map<T, number>(nodes.map((n) => [n, 0]));
  const next = new Map<T, T[]>(nodes.map((n) => [n, []]));
  for (const [before, after] of edges) {
    if (!indegree.has(before) || !indegree.has(after) || before === after) {
      continue;
    }
    next.get(before)?.push(after);
    indegree.set(after, (indegree.get(after) as number) + 1);
  }
  const ready = nodes.filter((n) => indegree.get(n) === 0).sort(compare);
  const order: T[] = [];
  const placed = new Set<T>();
  while (ready.length > 0) {
    const node = ready.shift() as T;
    order.push(node);
    placed.add(node);
    let added = false;
    for (const after of next.get(node) ?? []) {
      const remaining = (indegree.get(after) as number) - 1;
      indegree.set(after, remaining);
      if (remaining === 0) {
        ready.push(after);
        added = true;
      }
    }
    if (added) {
      ready.sort(compare);
    }
  }
  if (order.length < nodes.length) {
    order.push(...nodes.filter((n) => !placed.has(n)).sort(compare));
  }
  return order;
}

/** The foreign-key cycles: strongly connected components of the "references" graph. */
function stronglyConnected(nodes: readonly string[], edges: readonly FkEdge[]): string[][] {
  const adjacent = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const e of edges) {
    adjacent.get(e.child)?.push(e.parent);
  }
  return stronglyConnectedComponents(nodes, (node) => adjacent.get(node) ?? []);
}
