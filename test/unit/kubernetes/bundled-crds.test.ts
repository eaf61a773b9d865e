// The bundled CRD catalog (schemas/crds): custom resources of Gateway API, the Prometheus Operator,
// cert-manager, Istio and Argo CD validate with no cluster and no CRD in the workspace; a workspace or
// cluster CRD of the same group-version replaces the bundled one.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem } from 'vscode-languageserver-types';
import { parse } from 'yaml';
import { clusterFactsOf } from '../../../server/src/core/cluster';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { kubernetesSupport } from '../../../server/src/kubernetes/index';
import { casesOfFile } from '../../fixtures/kubernetes/corpus';

const DIR = path.join(__dirname, '../../fixtures/kubernetes/bundled-crds');
const SETS = ['gateway-api', 'prometheus-operator', 'cert-manager', 'istio', 'argo-cd'];
const doc = (name: string, text: string) => sourceFile(TextDocument.create(`file://${path.join(DIR, name)}`, 'yaml', 1, text), 'kubernetes', '1.36');
const load = (name: string) => doc(name, fs.readFileSync(path.join(DIR, name), 'utf8'));
const offline = () => ({ settings: DEFAULT_SETTINGS, workspace: new FileWorkspace() });
const complete = (file: ReturnType<typeof doc>, line: number, character: number): CompletionItem[] => {
  const result = kubernetesSupport.completion!(file, { line, character }, offline());
  return Array.isArray(result) ? result : (result?.items ?? []);
};

describe('bundled CRD catalog, offline', () => {
  for (const set of SETS) {
    it(`${set}: each one-defect resource is an error on its cause line, the valid ones have no finding`, async () => {
      const file = load(`${set}.yaml`);
      const findings = await kubernetesSupport.validate(file, offline());
      const problems: string[] = [];
      for (const c of casesOfFile(file.path)) {
        const end = c.startLine + c.text.split('\n').length;
        const inCase = findings.filter((f) => f.range.start.line >= c.startLine && f.range.start.line < end);
        if (c.causeLine === undefined) {
          if (inCase.length) problems.push(`FALSE POSITIVE ${c.label}: ${inCase.map((f) => `${f.range.start.line + 1} ${f.code} ${f.message}`).join(' | ')}`);
        } else if (!inCase.some((f) => f.severity === 1 && f.range.start.line === c.causeLine)) {
          problems.push(`MISSED ${c.label} (line ${c.causeLine + 1}): ${inCase.map((f) => `${f.range.start.line + 1} ${f.code} ${f.message}`).join(' | ')}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});

const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
spec:
  rules:
    - timeoutz: 10s
`;
/** A workspace CRD of gateway.networking.k8s.io/v1 whose HTTPRoute has exactly one field, spec.rules[].timeoutz. */
const OWN_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: httproutes.gateway.networking.k8s.io
  annotations:
    api-approved.kubernetes.io: https://github.com/kubernetes-sigs/gateway-api/pull/891
spec:
  group: gateway.networking.k8s.io
  names: { kind: HTTPRoute, plural: httproutes, singular: httproute, listKind: HTTPRouteList }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                rules:
                  type: array
                  items:
                    type: object
                    properties:
                      timeoutz: { type: string }
`;

describe('bundled CRD catalog: what overrides it', () => {
  it('offline, with no CRD anywhere, an HTTPRoute with an unknown field is an error', async () => {
    const findings = await kubernetesSupport.validate(doc('route.yaml', ROUTE), offline());
    assert.deepEqual(
      findings.map((f) => [f.range.start.line, f.severity, f.code]),
      [[6, 1, 'KubeUnknownField']],
    );
  });

  it('a workspace CRD of the same group-version replaces the bundled one', async () => {
    const workspace = new FileWorkspace();
    workspace.setIndexed(doc('crd.yaml', OWN_CRD));
    const ctx = { settings: DEFAULT_SETTINGS, workspace };
    assert.deepEqual(await kubernetesSupport.validate(doc('route.yaml', ROUTE), ctx), []);
    // The whole group-version: a Gateway, which that CRD file does not define, is no longer known.
    const gateway = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: web\nspec: {}\n';
    const findings = await kubernetesSupport.validate(doc('gateway.yaml', gateway), ctx);
    assert.deepEqual(
      findings.map((f) => f.code),
      ['KubeUnknownKind'],
    );
    // Another group-version still comes from the catalog.
    const old = await kubernetesSupport.validate(doc('old.yaml', ROUTE.replace('/v1\n', '/v1beta1\n')), ctx);
    assert.deepEqual(
      old.map((f) => f.code),
      ['KubeUnknownField'],
    );
  });

  it("a connected cluster's definition of the group-version replaces the bundled one", async () => {
    const crd = parse(OWN_CRD);
    const cluster = clusterFactsOf({ context: 'test', crds: [crd] });
    assert.deepEqual(await kubernetesSupport.validate(doc('route.yaml', ROUTE), { ...offline(), cluster }), []);
  });
});

describe('bundled CRD catalog: completion and hover', () => {
  const text = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
spec:
  parentRefs:
    - name: web
  `;
  it('completes the bundled apiVersions and kinds', async () => {
    const file = doc('c.yaml', 'apiVersion: \n');
    const versions = complete(file, 0, 12).map((i) => i.label);
    for (const v of ['gateway.networking.k8s.io/v1', 'monitoring.coreos.com/v1', 'cert-manager.io/v1', 'networking.istio.io/v1', 'argoproj.io/v1alpha1']) assert.ok(versions.includes(v), v);
    const kinds = complete(doc('k.yaml', 'apiVersion: monitoring.coreos.com/v1\nkind: \n'), 1, 6);
    assert.deepEqual(kinds.map((i) => i.label).sort(), ['Alertmanager', 'PodMonitor', 'Probe', 'Prometheus', 'PrometheusRule', 'ServiceMonitor', 'ThanosRuler'].sort());
  });

  it('completes fields with the CRD descriptions, and hovers them', async () => {
    const file = doc('r.yaml', text);
    const items = complete(file, 7, 2);
    const hostnames = items.find((i) => i.label === 'hostnames');
    assert.ok(hostnames, JSON.stringify(items.map((i) => i.label)));
    assert.match(JSON.stringify(hostnames.documentation ?? hostnames.detail), /Hostnames defines a set of hostnames/);
    const hover = await kubernetesSupport.hover!(file, { line: 5, character: 4 }, offline());
    assert.match(JSON.stringify(hover?.contents), /ParentRefs references the resources/);
  });
});
