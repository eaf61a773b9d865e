import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

/**
 * How Shipshape reads YAML, for the full parser and the block reader alike.
 * uniqueKeys: duplicate keys are errors, as in compose-go and kube-apiserver's strict decoding.
 * merge: `<<: *anchor` merge keys, which compose-go and sigs.k8s.io/yaml both honour.
 * No LineCounter: positions come from the TextDocument, and counting lines again costs time on every open.
 */
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  uniqueKeys: true,
  prettyErrors: false,
  keepSourceTokens: false,
  merge: true,
};
