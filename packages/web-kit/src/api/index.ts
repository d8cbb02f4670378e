/** The API client alone, free of the DOM and React: for the apps and for Node callers (the simulator). */
export {
  type ApiClient,
  type ApiClientOptions,
  createApiClient,
  type RequestOptions,
  type SessionTokens,
} from './api-client.ts';
export { ApiError, toApiError } from './api-error.ts';
