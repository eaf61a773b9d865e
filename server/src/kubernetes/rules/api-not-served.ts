import type { KubeRule } from '../rule';
import { rangeOfApiVersion } from '../rule';
import { minorOf } from '../schema/store';
import { removal } from '../validation/api-versions';
import { firstVersionServing } from '../validation/built-in-kinds';

/** A built-in apiVersion/kind the target version does not serve yet, but a newer bundled one does. */
export const apiNotServedRule: KubeRule = {
  id: 'KubeApiNotServed',
  severity: 'error',
  doc: 'An apiVersion/kind that only newer bundled Kubernetes versions serve.',
  appliesTo: { objects: 'every' },
  check(ctx) {
    const minor = minorOf(ctx.requested);
    if (ctx.resolved || removal(ctx.apiVersion, ctx.kind, minor, ctx.resolved)) return;
    const newer = firstVersionServing(ctx.apiVersion, ctx.kind, minor);
    if (!newer) return;
    ctx.report(['apiVersion'], `${ctx.kind} ${ctx.apiVersion} is not served by Kubernetes ${ctx.requested}; it is available from ${newer} on (set the target version with a modeline or shipshape.kubernetes.version)`, {
      range: rangeOfApiVersion(ctx.doc),
    });
  },
};
