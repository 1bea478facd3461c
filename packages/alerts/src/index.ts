export {
  DESTINATION_TYPES,
  pacingOf,
  validateDestination,
  validateDestinations,
} from './destination.js';
export type { Destination, DestinationResult, DestinationType } from './destination.js';
export { maskUrl, publicDestination, withStoredSecrets } from './public-view.js';
export type { PublicDestination } from './public-view.js';
export { checkDestinationUrl, isPrivateAddress, systemResolver } from './url-safety.js';
export type { Resolver, UrlCheck } from './url-safety.js';
export { deliveryIdOf, signWebhook } from './sign.js';
export { ALERT_KINDS, planAlerts } from './plan.js';
export type { AlertKind } from './plan.js';
export { renderAlert, renderSlack } from './render.js';
export type { AlertBody, CallContext } from './render.js';
export { parseRetryAfter, sendAlert } from './send.js';
export type { SendOutcome } from './send.js';
export { createPacer } from './pacer.js';
export type { Pacer } from './pacer.js';
