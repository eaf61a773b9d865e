import type { Severity } from '../core/diagnostics';
import type { ResourceKind } from './project';
import { referenceRange, referencesOf } from './references';
import { closest } from '../core/suggest';
import type { ComposeRule, ComposeTool } from './rule';

const SINGULAR: Record<ResourceKind, string> = { services: 'service', volumes: 'volume', networks: 'network', secrets: 'secret', configs: 'config', models: 'model' };

/**
 * Shared by the Undefined* rules: a name used by a service but declared nowhere in the merged project
 * (this file, its override files, its includes). `data` carries what the quick fixes need.
 */
export function undefinedReferenceRule(kind: ResourceKind, id: string, doc: string, severity: Severity = 'error', tool?: ComposeTool): ComposeRule {
  return {
    id,
    severity,
    doc,
    tool,
    appliesTo: 'enabled-services',
    check({ compose, project, report }) {
      const declared = project.names[kind];
      for (const ref of referencesOf(compose)) {
        if (ref.kind !== kind || declared.has(ref.name)) continue;
        if (kind === 'networks' && ref.name === 'default') continue;
        const suggestion = closest(
          ref.name,
          [...declared].filter((n) => kind !== 'services' || n !== ref.service),
        );
        const where = ref.attribute === 'depends_on' ? 'depends on' : `refers in ${ref.attribute} to`;
        const message = `Service "${ref.service}" ${where} undefined ${SINGULAR[kind]} "${ref.name}"${suggestion ? `; did you mean "${suggestion}"?` : kind === 'services' ? '.' : `: declare it under top-level ${kind}.`}`;
        report(referenceRange(compose, ref), message, { kind, name: ref.name, suggestion });
      }
    },
  };
}
