/**
 * Folding and selection ranges on every real file of ../shared/corpus (Compose files, Kubernetes manifests,
 * Dockerfiles): no error, folds well-formed, each selection chain nested, at three positions per line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { composeSupport } from '../../../server/src/compose/index';
import type { LanguageSupport } from '../../../server/src/core/language';
import type { FileKind } from '../../../server/src/core/kinds';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { pathToUri, sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { dockerfileSupport } from '../../../server/src/dockerfile';
import { kubernetesSupport } from '../../../server/src/kubernetes/index';
import { assertFoldsWellFormed, assertSelectionWellFormed } from './structure';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function check(language: LanguageSupport, kind: FileKind, files: string[]): number {
  const ctx = { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace() };
  let folds = 0;
  for (const filePath of files) {
    const text = fs.readFileSync(filePath, 'utf8');
    const file = sourceFile(TextDocument.create(pathToUri(filePath), kind, 1, text), kind, '1.35');
    const label = path.relative(CORPUS, filePath);
    for (const lineFoldingOnly of [true, false]) {
      const ranges = language.foldingRanges!(file, ctx, { lineFoldingOnly });
      assertFoldsWellFormed(ranges, file.document.lineCount, label);
      folds += ranges.length;
    }
    const positions = text.split(/\r?\n/).flatMap((line, l) => [0, line.length >> 1, line.length].map((character) => ({ line: l, character })));
    language.selectionRanges!(file, positions, ctx).forEach((range, k) => assertSelectionWellFormed(range, positions[k], label));
  }
  return folds;
}

const skip = fs.existsSync(CORPUS) ? false : 'no ../shared/corpus here';

test('corpus: folding and selection ranges are well-formed for every Compose file, manifest and Dockerfile', { skip }, (t) => {
  const all = walk(CORPUS);
  const compose = all.filter((f) => /(^|\/)(docker-)?compose\.ya?ml$/.test(f));
  const manifests = all.filter((f) => f.includes('/kubernetes/') && /\.ya?ml$/.test(f));
  const dockerfiles = all.filter((f) => /(^|\/)Dockerfile[^/]*$/.test(f));
  for (const [name, list] of [
    ['compose', compose],
    ['kubernetes', manifests],
    ['dockerfile', dockerfiles],
  ] as const) {
    if (!list.length) throw new Error(`no ${name} files in the corpus`);
  }
  const counts = [check(composeSupport, 'compose', compose), check(kubernetesSupport, 'kubernetes', manifests), check(dockerfileSupport, 'dockerfile', dockerfiles)];
  t.diagnostic(`${compose.length} compose files, ${manifests.length} manifests, ${dockerfiles.length} Dockerfiles: ${counts.join(' / ')} folds`);
  if (counts.some((n) => n === 0)) throw new Error(`a kind produced no folds at all: ${counts.join(' / ')}`);
});
