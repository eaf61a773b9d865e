import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionAt, nameRefs, scanActions, valuesReads, valuesRef } from '../../../server/src/helm/templates/scan';

// The tolerant scanner of template actions: positions only, as text/template lexes strings, comments and trim markers.

test('actions end at "}}" outside strings, raw strings and comments, trim markers included', () => {
  const text = 'a: {{ "}}" }} b: {{- `x}}y` -}} c: {{/* }} */}} d: {{ .Values.x }}';
  const actions = scanActions(text);
  assert.deepEqual(
    actions.map((a) => text.slice(a.start, a.end)),
    ['{{ "}}" }}', '{{- `x}}y` -}}', '{{/* }} */}}', '{{ .Values.x }}'],
  );
  assert.ok(actions.every((a) => a.closed));
});

test('an unterminated action (being typed) stops at the next "{{" and still has its tokens', () => {
  const text = 'image: {{ .Values.image.\ntag: {{ .Values.tag }}';
  const actions = scanActions(text);
  const [open, next] = actions;
  assert.equal(open!.closed, false);
  assert.equal(text.slice(open!.start, open!.end), 'image: {{ .Values.image.\ntag: '.slice(7));
  assert.deepEqual(valuesRef(open!.tokens[0]!)?.keys, ['image', '']);
  assert.equal(actionAt(actions, text.indexOf('image.') + 6), open);
  assert.equal(next!.closed, true);
});

test('values references: .Values, $.Values and the root context under another name', () => {
  const [action] = scanActions('{{ include "x" (dict "root" $) }}{{ $root.Values.a.b }}');
  assert.deepEqual(
    nameRefs([action!]).map((r) => r.name),
    ['x'],
  );
  const refs = scanActions('{{ .Values.a.b }}{{ $.Values.c }}{{ $root.Values.d }}{{ .context.Values.e }}{{ .Chart.Name }}{{ $v.Values }}').flatMap((a) => a.tokens.map(valuesRef).filter((r) => r !== undefined));
  assert.deepEqual(
    refs.map((r) => r.keys),
    [['a', 'b'], ['c'], ['d'], ['e'], []],
  );
  const text = '{{ .Values.image.tag }}';
  const [ref] = scanActions(text).flatMap((a) => a.tokens.map(valuesRef));
  assert.deepEqual(
    ref!.spans.map(([s, e]) => text.slice(s, e)),
    ['image', 'tag'],
  );
});

test('index with constant keys reads the key path; with a variable key it reads all that is indexed', () => {
  assert.deepEqual(valuesReads(scanActions('{{ if (index .Values "alertmanager" "enabled") }}{{ index .Values.a $k }}{{ index .Values $k }}')), [['alertmanager', 'enabled'], ['a'], []]);
});

test('define, block, include and template names, with their places inside the quotes', () => {
  const text = '{{- define "a.b" -}}{{ template "c" . }}{{ include `d` . | nindent 2 }}{{ block "e" . }}{{ end }}';
  const refs = nameRefs(scanActions(text));
  assert.deepEqual(
    refs.map((r) => [r.name, r.declaration, text.slice(r.start, r.end)]),
    [
      ['a.b', true, 'a.b'],
      ['c', false, 'c'],
      ['d', false, 'd'],
      ['e', true, 'e'],
    ],
  );
});
