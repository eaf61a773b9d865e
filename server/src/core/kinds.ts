/** What kind of file a document is; decides which language support validates it. */
export type FileKind = 'dockerfile' | 'compose' | 'kubernetes' | 'kustomization' | 'helm-chart' | 'helm-values' | 'helm-template' | 'yaml' | 'ecs';

export const FILE_KINDS: readonly FileKind[] = ['dockerfile', 'compose', 'kubernetes', 'kustomization', 'helm-chart', 'helm-values', 'helm-template', 'yaml', 'ecs'];

export function isFileKind(value: string): value is FileKind {
  return (FILE_KINDS as readonly string[]).includes(value);
}
