import { finalImageStages } from '../model';
import { aptInstall } from '../support/apt';
import { runCommands } from '../support/shell';
import type { Instruction } from '../syntax/parse';
import type { DockerfileRule, RuleContext } from '../rule';

export const aptGetListsNotCleanedRule: DockerfileRule = {
  id: 'AptGetListsNotCleaned',
  severity: 'warning',
  doc: 'A package install in the final image keeps the package lists (or, with docker-clean removed, the downloaded .deb files) in its layer',
  appliesTo: 'instructions',
  check,
};

/** A mount (cache, tmpfs…) over a directory keeps what is written there out of the layer. */
const mounted = (ins: Instruction, dir: RegExp) => ins.flags.some((f) => f.name === 'mount' && dir.test(f.value));
const LISTS_MOUNT = /(?:^|,)(?:target|dst|destination)=\/var\/lib\/apt(?:\/lists)?\/?(?:,|$)/;
const ARCHIVES_MOUNT = /(?:^|,)(?:target|dst|destination)=\/var\/cache\/apt(?:\/archives)?\/?(?:,|$)/;
/** Debian images' /etc/apt/apt.conf.d/docker-clean deletes downloaded packages after each install. */
const DOCKER_CLEAN_REMOVED = /\brm\s[^;&|]*\/etc\/apt\/apt\.conf\.d\/docker-clean/;

function check({ model, report }: RuleContext): void {
  // Only stages whose layers are the image: what a build stage downloads is left behind with it.
  const chain = finalImageStages(model).reverse();
  const image = new Set(chain.flatMap((s) => s.instructions));
  // Where docker-clean is removed in the image's stages: installs after that keep their archives.
  const order = chain.flatMap((s) => s.instructions);
  const cleanRemovedAt = order.findIndex((ins) => ins.name === 'run' && DOCKER_CLEAN_REMOVED.test(ins.joined));
  const seen = new Set<Instruction>();
  for (const { instruction, command } of runCommands(model)) {
    if (seen.has(instruction) || !image.has(instruction) || !aptInstall(command)) continue;
    seen.add(instruction);
    const text = instruction.joined;
    const at = model.range(instruction, instruction.keywordSpan);
    const listsKept = !/rm\s+(-\w+\s+)*[^;&|]*\/var\/lib\/apt\/lists/.test(text) && !mounted(instruction, LISTS_MOUNT);
    if (listsKept) {
      const end = model.range(instruction, instruction.argsSpan).end;
      report(
        at,
        'package install without removing /var/lib/apt/lists/* afterwards',
        instruction.json || instruction.heredocs.length ? undefined : { title: 'Append && rm -rf /var/lib/apt/lists/*', edits: [{ range: { start: end, end }, newText: ' \\\n    && rm -rf /var/lib/apt/lists/*' }] },
      );
      continue;
    }
    const archivesKept = cleanRemovedAt >= 0 && cleanRemovedAt <= order.indexOf(instruction) && !mounted(instruction, ARCHIVES_MOUNT) && !/\bapt(?:-get)?\s+clean\b|rm\s+(-\w+\s+)*[^;&|]*\/var\/cache\/apt/.test(text);
    if (archivesKept) {
      report(at, 'docker-clean was removed, so the downloaded packages stay in /var/cache/apt: mount a cache there or run apt-get clean');
    }
  }
}
