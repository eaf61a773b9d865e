/** Debian package installs in RUN commands, as the apt rules read them. */
import type { Word } from '../syntax/parse';
import type { SimpleCommand } from './shell';

export type AptTool = 'apt-get' | 'apt' | 'aptitude';

export interface AptInstall {
  tool: AptTool;
  /** The `install` word. */
  install: Word;
  /** The tool's own words, from the tool's name on. */
  words: Word[];
}

const TOOLS = new Set<string>(['apt-get', 'apt', 'aptitude']);

/** `[VAR=value ...] apt-get|apt|aptitude [options] install ...`, else undefined. */
export function aptInstall(command: SimpleCommand): AptInstall | undefined {
  let k = 0;
  while (k < command.words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(command.words[k].value)) k++;
  const tool = command.words[k]?.value;
  if (!tool || !TOOLS.has(tool)) return undefined;
  const words = command.words.slice(k);
  const install = words.find((w) => w.value === 'install');
  return install ? { tool: tool as AptTool, install, words } : undefined;
}

const RECOMMENDS_OFF = /^APT::Install-Recommends=(?:false|0|no|off)$/i;

/**
 * Whether the install skips recommended packages: --no-install-recommends (aptitude: -R or
 * --without-recommends), or the APT option set to false with -o/--option in any of its spellings.
 */
export function recommendsOff({ tool, words }: AptInstall): boolean {
  return words.some((w, k) => {
    const v = w.value;
    if (v === '--no-install-recommends' || (tool === 'aptitude' && (v === '-R' || v === '--without-recommends'))) return true;
    if ((v === '-o' || v === '--option') && RECOMMENDS_OFF.test(words[k + 1]?.value ?? '')) return true;
    const joined = /^(?:-o=?|--option=)(.*)$/.exec(v);
    return !!joined && RECOMMENDS_OFF.test(joined[1]);
  });
}

/** The flag that turns recommends off for this tool, for the quick fix. */
export function noRecommendsFlag(tool: AptTool): string {
  return tool === 'aptitude' ? '--without-recommends' : '--no-install-recommends';
}
