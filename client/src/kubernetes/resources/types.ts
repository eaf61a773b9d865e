// The slice of a Kubernetes object every module reads. Objects stay plain JSON.
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { kind: string; name: string; uid: string; controller?: boolean; apiVersion: string }[];
    managedFields?: unknown[];
    [key: string]: unknown;
  };
  // biome-ignore lint/suspicious/noExplicitAny: the shape depends on the kind
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: the shape depends on the kind
  status?: any;
  /** ConfigMap / Secret values. */
  data?: Record<string, string>;
  [key: string]: unknown;
}

export interface KubeList<T = KubeObject> {
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}
