import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { kubernetesSupport } from '../../../server/src/kubernetes/index';
import { casesOfFile } from '../../fixtures/kubernetes/corpus';

const DIR = path.join(__dirname, '../../fixtures/kubernetes/crd');
const load = (name: string) => sourceFile(TextDocument.create(`file://${path.join(DIR, name)}`, 'yaml', 1, fs.readFileSync(path.join(DIR, name), 'utf8')), 'kubernetes', '1.36');

describe('custom resources validated against workspace CRDs', () => {
  const workspace = new FileWorkspace();
  workspace.setIndexed(load('crd.yaml'));
  const ctx = { settings: DEFAULT_SETTINGS, workspace };

  it('flags each invalid custom resource on its cause line', async () => {
    const file = load('invalid.yaml');
    const findings = await kubernetesSupport.validate(file, ctx);
    const missed = casesOfFile(file.path)
      .filter((c) => !findings.some((f) => f.severity === 1 && f.range.start.line === c.causeLine))
      .map((c) => c.label);
    assert.deepEqual(missed, [], JSON.stringify(findings.map((f) => [f.range.start.line, f.code, f.message])));
  });

  it('accepts valid ones: int-or-string, nullable, preserve-unknown-fields', async () => {
    const findings = await kubernetesSupport.validate(load('valid.yaml'), ctx);
    assert.deepEqual(
      findings.map((f) => `${f.code} ${f.message}`),
      [],
    );
  });

  it('warns about a kind with no schema when the CRD is absent', async () => {
    const findings = await kubernetesSupport.validate(load('valid.yaml'), { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace() });
    assert.deepEqual([...new Set(findings.map((f) => `${f.code}/${f.severity}`))], ['KubeUnknownKind/2']);
  });
});
