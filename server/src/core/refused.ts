/** A request a service refuses for a reason the user should read (a rename to a name that cannot work): the host answers it as an error. */
export class RequestRefused extends Error {}
