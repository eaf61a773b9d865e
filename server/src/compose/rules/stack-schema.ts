import { closest } from '../../core/suggest';
import { isJsonMap, type Json, type JsonMap } from '../document';
import { rangeAt, type ComposeRule } from '../rule';
import { schemaProblems } from '../schema/errors';
import { propertiesOf, schemaAt } from '../schema/schema-index';
import { FORBIDDEN_PROPERTIES } from '../stack/properties';
import { newerProperties, STACK_SCHEMA, STACK_VERSIONS, stackVersion } from '../stack/schema';
import validate from '../stack/schema/validate.generated';

/**
 * docker/cli's stack loader (cli/compose/loader Load, schema.Validate): the file's version picks one of its
 * config_schema_v3.x.json, and the interpolated file must follow it. Refuses what compose-go accepts:
 * `version: "2.4"`, long-form depends_on, pull_policy, profiles, an unquoted `cpus: 0.5`…
 */
export const stackSchemaRule: ComposeRule = {
  id: 'StackSchema',
  severity: 'error',
  doc: 'A stack file does not follow the schema of its version that docker stack deploy validates against (docker/cli config_schema_v3.x).',
  appliesTo: 'file',
  tool: 'stack',
  check({ compose, report }) {
    if (!compose.doc || compose.doc.contents === null) return;
    if (!compose.topLevelIsMap) return report(rangeAt(compose, []), 'Top-level object must be a mapping.');
    const version = stackVersion(compose.model);
    if (!STACK_VERSIONS.includes(version)) {
      const hint = /^[12](\.|$)/.test(version) ? ' docker stack deploy reads Compose file format 3 only: write version: "3.8" (or remove version).' : ` Supported: 3, ${STACK_VERSIONS[0]} to ${STACK_VERSIONS[STACK_VERSIONS.length - 1]}.`;
      return report(rangeAt(compose, ['version']), `Unsupported Compose file version: ${version}.${hint}`);
    }
    const data = castInterpolated(compose.model, new Set(compose.uses.map((u) => u.path.join('\u0000'))));
    if (!validate(data)) {
      for (const problem of schemaProblems(validate.errors ?? [], data, STACK_SCHEMA)) {
        // Forbidden service options fail earlier, with docker/cli's own message (StackForbiddenKey).
        if (problem.property && problem.path.length === 3 && problem.path[0] === 'services' && FORBIDDEN_PROPERTIES[problem.property]) continue;
        const known = problem.property ? propertiesOf(schemaAt(problem.path.slice(0, -1), STACK_SCHEMA), STACK_SCHEMA).keys() : undefined;
        const suggestion = problem.property && known ? closest(problem.property, known) : undefined;
        const message = `${problem.message}${suggestion ? `; did you mean "${suggestion}"?` : ''} (docker stack deploy, schema ${version}).`;
        report(rangeAt(compose, problem.path, problem.part), message, problem.property ? { property: problem.property, path: problem.path } : undefined);
      }
    }
    for (const newer of newerProperties(compose.model, version)) {
      const property = String(newer.path[newer.path.length - 1]);
      const owner = newer.path.slice(0, -1).join('.') || 'top level';
      report(rangeAt(compose, newer.path, 'key'), `${owner}: property "${property}" is not allowed in version ${version} (it needs ${newer.since} or later): docker stack deploy refuses the file.`);
    }
  },
};

/**
 * docker/cli casts interpolated values at these paths (loader/interpolate.go interpolateTypeCastMapping) before the
 * schema sees them, so `replicas: ${N}` is an integer; a value that does not cast fails the deploy.
 */
const CASTS: [string[], 'int' | 'float' | 'bool'][] = [
  [['services', '*', 'configs', '[]', 'mode'], 'int'],
  [['services', '*', 'secrets', '[]', 'mode'], 'int'],
  [['services', '*', 'healthcheck', 'retries'], 'int'],
  [['services', '*', 'healthcheck', 'disable'], 'bool'],
  [['services', '*', 'deploy', 'replicas'], 'int'],
  [['services', '*', 'deploy', 'update_config', 'parallelism'], 'int'],
  [['services', '*', 'deploy', 'update_config', 'max_failure_ratio'], 'float'],
  [['services', '*', 'deploy', 'rollback_config', 'parallelism'], 'int'],
  [['services', '*', 'deploy', 'rollback_config', 'max_failure_ratio'], 'float'],
  [['services', '*', 'deploy', 'restart_policy', 'max_attempts'], 'int'],
  [['services', '*', 'deploy', 'placement', 'max_replicas_per_node'], 'int'],
  [['services', '*', 'ports', '[]', 'target'], 'int'],
  [['services', '*', 'ports', '[]', 'published'], 'int'],
  [['services', '*', 'ulimits', '*'], 'int'],
  [['services', '*', 'ulimits', '*', 'hard'], 'int'],
  [['services', '*', 'ulimits', '*', 'soft'], 'int'],
  [['services', '*', 'privileged'], 'bool'],
  [['services', '*', 'oom_score_adj'], 'int'],
  [['services', '*', 'read_only'], 'bool'],
  [['services', '*', 'stdin_open'], 'bool'],
  [['services', '*', 'tty'], 'bool'],
  [['services', '*', 'volumes', '[]', 'read_only'], 'bool'],
  [['services', '*', 'volumes', '[]', 'volume', 'nocopy'], 'bool'],
  [['networks', '*', 'external'], 'bool'],
  [['networks', '*', 'internal'], 'bool'],
  [['networks', '*', 'attachable'], 'bool'],
  [['volumes', '*', 'external'], 'bool'],
  [['secrets', '*', 'external'], 'bool'],
  [['configs', '*', 'external'], 'bool'],
];

/** strconv.Atoi, strconv.ParseFloat and docker/cli's toBoolean (y/yes/true/on, n/no/false/off, any case); a failed cast stays a string, which the schema refuses. */
function cast(value: string, to: 'int' | 'float' | 'bool'): Json {
  if (to === 'int') return /^[+-]?\d+$/.test(value) ? Number(value) : value;
  if (to === 'float') return value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
  const lower = value.toLowerCase();
  return ['true', 'yes', 'on', 'y'].includes(lower) ? true : ['false', 'no', 'off', 'n'].includes(lower) ? false : value;
}

/** A copy of the model with interpolated strings at CASTS paths cast (only those: a literal "3" stays a string). */
function castInterpolated(model: JsonMap, interpolated: Set<string>): JsonMap {
  if (!interpolated.size) return model;
  const out = structuredClone(model);
  for (const [pattern, to] of CASTS) {
    const visit = (value: Json | undefined, i: number, at: (string | number)[], set: (v: Json) => void): void => {
      if (i === pattern.length) {
        if (typeof value === 'string' && interpolated.has(at.join('\u0000'))) set(cast(value, to));
        return;
      }
      const segment = pattern[i]!;
      if (segment === '[]') {
        if (Array.isArray(value)) value.forEach((item, index) => visit(item, i + 1, [...at, index], (v) => (value[index] = v)));
      } else if (isJsonMap(value)) {
        const keys = segment === '*' ? Object.keys(value) : Object.hasOwn(value, segment) ? [segment] : [];
        for (const key of keys) visit(value[key], i + 1, [...at, key], (v) => (value[key] = v));
      }
    };
    visit(out, 0, [], () => undefined);
  }
  return out;
}
