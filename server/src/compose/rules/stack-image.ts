import { rangeAt, servicesOf, type ComposeRule } from '../rule';

// distribution/reference's grammar (ParseAnyReference), as docker/cli checks each service's image before deploying.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN = '(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`);

/**
 * docker/cli's stack loader (cli/command/stack/loader LoadComposefile): every service needs an image, a valid
 * reference; `build` is ignored, so a service that only builds cannot be deployed.
 */
export const stackImageRule: ComposeRule = {
  id: 'StackImage',
  severity: 'error',
  doc: 'A stack service without an image (build is ignored by docker stack deploy) or with an image that is not a valid reference.',
  appliesTo: 'file',
  tool: 'stack',
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      const image = def.image;
      if (image === undefined || image === null || image === '') {
        const why = def.build !== undefined ? ' (docker stack deploy ignores build: push the image and name it here)' : '';
        report(rangeAt(compose, ['services', name], 'key'), `invalid image reference for service ${name}: no image specified${why}.`);
      } else if (typeof image === 'string' && !/^[a-f0-9]{64}$/.test(image) && !REFERENCE.test(image)) {
        report(
          rangeAt(compose, ['services', name, 'image']),
          `invalid image reference for service ${name}: "${image}" is not a valid reference (${image.toLowerCase() !== image ? 'repository name must be lowercase' : 'invalid reference format'}).`,
        );
      }
    }
  },
};
