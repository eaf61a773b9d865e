/** Document links: base images to their registry page (Docker Hub, ghcr.io, quay.io…). */
import type { DocumentLink } from 'vscode-languageserver-types';
import type { SourceFile } from '../../core/source';
import { modelOf } from '../model';
import { imageUrl, parseImageReference } from '../support/reference';

export function documentLinks(file: SourceFile): DocumentLink[] {
  const model = modelOf(file);
  const links: DocumentLink[] = [];
  for (const stage of model.stages) {
    if (!stage.base || stage.base.value.includes('$') || stage.parent || stage.base.value === 'scratch') continue;
    const ref = parseImageReference(stage.base.value);
    const url = ref && imageUrl(ref);
    if (url) links.push({ range: model.range(stage.from, stage.base), target: url, tooltip: `Open ${ref.name}` });
  }
  return links;
}
