import { isJsonMap } from '../document';
import { referenceRange, referencesOf } from '../references';
import type { ComposeRule } from '../rule';

/** depends_on edges that close a cycle in the merged project: compose cannot order the services. */
export const dependencyCycleRule: ComposeRule = {
  id: 'DependencyCycle',
  severity: 'error',
  doc: 'Services depend on each other in a cycle, so docker compose cannot start them in order.',
  appliesTo: 'enabled-services',
  tool: 'compose',
  check({ compose, project, report }) {
    const services = isJsonMap(project.merged.services) ? project.merged.services : {};
    const edges = new Map<string, string[]>();
    for (const [name, def] of Object.entries(services)) {
      if (!isJsonMap(def)) continue;
      const deps = Array.isArray(def.depends_on) ? def.depends_on.map(String) : isJsonMap(def.depends_on) ? Object.keys(def.depends_on) : [];
      edges.set(name, deps);
    }
    const component = components(edges);
    for (const ref of referencesOf(compose)) {
      if (ref.kind !== 'services' || ref.attribute !== 'depends_on') continue;
      // An edge closes a cycle only inside one strongly connected component (or as a self-loop).
      if (ref.name !== ref.service && (component.get(ref.name) === undefined || component.get(ref.name) !== component.get(ref.service))) continue;
      const cycle = pathBack(edges, ref.name, ref.service);
      if (!cycle) continue;
      report(referenceRange(compose, ref), `Dependency cycle: ${[ref.service, ...cycle].join(' -> ')}.`);
    }
  },
};

/** A depends_on path from `from` back to `to`, or undefined. */
function pathBack(edges: Map<string, string[]>, from: string, to: string): string[] | undefined {
  const stack: [string, string[]][] = [[from, [from]]];
  const seen = new Set<string>();
  while (stack.length) {
    const [node, trail] = stack.pop()!;
    if (node === to) return trail;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const next of edges.get(node) ?? []) stack.push([next, [...trail, next]]);
  }
  return undefined;
}

/** Tarjan's strongly connected components: service → component id. */
function components(edges: Map<string, string[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const result = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let id = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        result.set(member, id);
      } while (member !== node);
      id++;
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return result;
}
