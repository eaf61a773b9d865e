import { isJsonMap } from '../document';
import { rangeAt, type ComposeRule } from '../rule';

/** Options of stack secrets, configs and volumes that docker stack deploy accepts but has no effect. */
export const stackIgnoredOptionRule: ComposeRule = {
  id: 'StackIgnoredOption',
  severity: 'warning',
  doc: 'A secret or config option that docker stack deploy accepts and drops: file on an external one, a template_driver other than golang.',
  appliesTo: 'file',
  tool: 'stack',
  check({ compose, report }) {
    for (const kind of ['secrets', 'configs'] as const) {
      const section = compose.model[kind];
      if (!isJsonMap(section)) continue;
      for (const [name, def] of Object.entries(section)) {
        if (!isJsonMap(def)) continue;
        // docker/cli loadFileObjectConfig: an external object is looked up by name; file is never read.
        if ((def.external === true || isJsonMap(def.external)) && def.file !== undefined) {
          report(rangeAt(compose, [kind, name, 'file'], 'key'), `${kind}.${name} is external: docker stack deploy uses the existing ${kind.slice(0, -1)} and never reads file.`);
        }
        // swarmkit template/expand.go expands only the "golang" driver; the content is used as it is otherwise.
        if (typeof def.template_driver === 'string' && def.template_driver !== 'golang') {
          report(rangeAt(compose, [kind, name, 'template_driver']), `template_driver "${def.template_driver}" is not expanded by the swarm (only golang is): tasks get the content as it is.`);
        }
      }
    }
  },
};
