#!/usr/bin/env node
import { lintCommand } from './lint';
import { schemaCommand } from './schema';
import { UsageError } from './usage';

/** `shipshape <command> …`. Exit codes: 0 clean, 1 errors found, 2 bad usage or internal failure. */
const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  lint: lintCommand,
  schema: schemaCommand,
};

const HELP = `Usage: shipshape <command> [options]

Commands:
  lint [paths or globs…]   Check Dockerfiles, Compose files, Kubernetes manifests and Helm charts
      --format text|json|sarif      output format (default: text)
      --kubernetes-version X        Kubernetes version to validate against (default: newest bundled)
      --helm-values FILE            a values file for every chart, after its values.yaml (repeatable, as helm -f)
      --helm-set KEY=VALUE          a value for every chart (repeatable, as helm --set)
      --rule CODE=off|info|warning|error   override a rule's severity (repeatable)
      --stack GLOB                  check matching files as Swarm stacks, as docker stack deploy reads them (repeatable;
                                    docker-stack.yml, *.stack.yml, *-stack.yml and '# shipshape: kind=stack' always are)
      --output FILE                 write the report to FILE instead of stdout
  schema export            Write the bundled Kubernetes JSON Schema (strict, every built-in kind)
      --kubernetes-version X        bundled version to export (default: newest bundled)
      --output FILE                 write to FILE instead of stdout

Exit codes: 0 no errors, 1 errors found, 2 bad usage or internal failure.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${typeof SHIPSHAPE_VERSION === 'string' ? SHIPSHAPE_VERSION : 'dev'}\n`);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`shipshape: unknown command '${command}'\n\n${HELP}`);
    return 2;
  }
  try {
    return await run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`shipshape ${command}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`shipshape ${command}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

declare const SHIPSHAPE_VERSION: string | undefined;

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`shipshape: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
