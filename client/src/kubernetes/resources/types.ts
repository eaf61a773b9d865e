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
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- shape depends on kind
  status?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** ConfigMap / Secret values. */
  data?: Record<string, string>;
  [key: string]: unknown;
}

export interface KubeList<T = KubeObject> {
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}
