import { isStackName } from '../../core/detect';
import { readModeline } from '../../core/modeline';
import { matchesAnyGlob } from '../../core/path-glob';
import type { Settings } from '../../core/settings';

/**
 * A Compose file is checked as a Swarm stack (as `docker stack deploy -c FILE` reads it) when it is named
 * like one (docker-stack.yml, *.stack.yml, *-stack.yml), says `# shipshape: kind=stack`, or is listed in
 * `shipshape.swarm.stackFiles`. Everything else is a plain Compose file.
 */
export function isStackFile(filePath: string, text: string, settings: Settings): boolean {
  if (readModeline(text)?.stack) return true;
  if (!filePath) return false;
  return isStackName(filePath, text) || matchesAnyGlob(filePath, settings.swarm.stackFiles);
}
