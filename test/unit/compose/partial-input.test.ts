import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { composeSupport } from '../../../server/src/compose/index';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { pathToUri, sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import * as os from 'node:os';
import { generateComposeFile } from '../../../bench/support/compose-file';
import { FIXTURES } from './support';

// While typing, every prefix of a file is a document: no feature may throw on any of them.
test('validation and every editing feature survive every prefix of real files', () => {
  const corpus = path.resolve(__dirname, '../../../../shared/corpus/compose');
  const files = [path.join(FIXTURES, 'valid-modern', 'compose.yaml'), path.join(FIXTURES, 'merge-keys', 'compose.yaml')];
  if (fs.existsSync(corpus))
    for (const dir of fs.readdirSync(corpus).slice(0, 12)) {
      const file = path.join(corpus, dir, 'compose.yaml');
      if (fs.existsSync(file)) files.push(file);
    }
  const ctx = { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace() };
  let documents = 0;
  // The large generated file goes through the block-cached parse; its prefixes cut blocks anywhere.
  const inputs: [string, string, number][] = files.map((f) => [f, fs.readFileSync(f, 'utf8'), 7]);
  inputs.push([path.join(os.tmpdir(), 'generated', 'compose.yaml'), generateComposeFile(2000), 499]);
  for (const [filePath, text, step] of inputs) {
    for (let end = 0; end <= text.length; end += step) {
      const prefix = text.slice(0, end);
      const file = sourceFile(TextDocument.create(pathToUri(filePath), 'dockercompose', end + 1, prefix), 'compose', '1.35');
      const at = file.document.positionAt(prefix.length);
      const where = `${filePath} at ${end}`;
      assert.doesNotThrow(() => {
        assert.ok(Array.isArray(composeSupport.validate(file, ctx)), 'Compose validation is synchronous');
        composeSupport.completion!(file, at, ctx);
        composeSupport.hover!(file, at, ctx);
        composeSupport.definition!(file, at, ctx);
        composeSupport.documentSymbols!(file, ctx);
        composeSupport.documentLinks!(file, ctx);
        composeSupport.format!(file, { tabSize: 2, insertSpaces: true }, ctx);
      }, where);
      documents++;
    }
  }
  assert.ok(documents > 100);
});
