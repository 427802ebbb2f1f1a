// Request limits of the SCIM server, shared by the handlers and the discovery answer.
export const MAX_SCIM_BODY = 1024 * 1024;
