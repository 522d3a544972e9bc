/**
 * Tarjan's strongly connected components of a directed graph, in reverse
 * topological order of the condensation. Used for foreign-key cycles in the
 * plan and for import circles in the pipeline's own structure test.
 */
export function stronglyConnectedComponents<T>(nodes: Iterable<T>, successors: (node: T) => Iterable<T>): T[][] {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const components: T[][] = [];
  const visit = (node: T): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of successors(node)) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const members: T[] = [];
      let member: T;
      do {
        member = stack.pop() as T;
        onStack.delete(member);
        members.push(member);
      } while (member !== node);
      components.push(members);
    }
  };
  for (const node of nodes) {
    if (!index.has(node)) {
      visit(node);
    }
  }
  return components;
}
