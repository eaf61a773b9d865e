/**
 * Image references the workspace already uses (Dockerfile FROM lines, Compose and Kubernetes `image:`
 * fields), for FROM completion: the images and tags a team has settled on are the likeliest next ones.
 * Read from the texts the workspace index holds, once per file version (no I/O on the keystroke path).
 */
import type { SourceFile } from '../../core/source';
import type { Workspace } from '../../core/workspace';
import { modelOf } from '../model';
import { parseImageReference, type ImageReference } from './reference';

export interface SeenImage {
  name: string;
  /** Tags seen with this name, with the files that use each. */
  tags: Map<string, Set<string>>;
  /** Files that use the name at all. */
  files: Set<string>;
}

const perFile = new WeakMap<SourceFile, ImageReference[]>();

/** `image: nginx:1.27` in a mapping or a list item; quoted or not; templated values are skipped. */
const IMAGE_FIELD = /^[ \t]*(?:-[ \t]+)?image:[ \t]*["']?([^\s"'#]+)/gm;

function imagesOf(file: SourceFile): ImageReference[] {
  let refs = perFile.get(file);
  if (refs) return refs;
  const raw: string[] = [];
  if (file.kind === 'dockerfile') {
    const model = modelOf(file);
    // A base naming an earlier stage is not an image.
    for (const stage of model.stages) if (stage.base && !stage.parent) raw.push(stage.base.value);
  } else if (file.kind === 'compose' || file.kind === 'kubernetes' || file.kind === 'helm-values') {
    for (const match of file.text.matchAll(IMAGE_FIELD)) raw.push(match[1]);
  }
  refs = [];
  for (const value of raw) {
    if (value.includes('$') || value.includes('{') || value.toLowerCase() === 'scratch') continue;
    const ref = parseImageReference(value);
    if (ref) refs.push(ref);
  }
  perFile.set(file, refs);
  return refs;
}

/** Every image name the workspace's files use, with the tags seen for it. */
export function workspaceImages(workspace: Workspace): Map<string, SeenImage> {
  const out = new Map<string, SeenImage>();
  for (const file of workspace.files()) {
    for (const ref of imagesOf(file)) {
      let seen = out.get(ref.name);
      if (!seen) out.set(ref.name, (seen = { name: ref.name, tags: new Map(), files: new Set() }));
      seen.files.add(file.path);
      if (ref.tag) {
        let files = seen.tags.get(ref.tag);
        if (!files) seen.tags.set(ref.tag, (files = new Set()));
        files.add(file.path);
      }
    }
  }
  return out;
}
