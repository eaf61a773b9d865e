import { undefinedReferenceRule } from '../undefined-reference';

/** depends_on, links, extends, volumes_from, network_mode: service:… naming a service that does not exist (docker stack deploy reads none of them). */
export const undefinedServiceRule = undefinedReferenceRule('services', 'UndefinedService', 'depends_on, links, extends, volumes_from or network_mode names a service the project does not define.', 'error', 'compose');
