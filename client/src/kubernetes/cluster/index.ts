// The cluster door: kubeconfig loading, credentials, errors and connections.
export * from './kubeconfig';
export * from './credentials';
export * from './errors';
export * from './request';
export * from './connection';
