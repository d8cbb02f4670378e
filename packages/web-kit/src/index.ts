export {
  type ApiClient,
  type ApiClientOptions,
  createApiClient,
  type RequestOptions,
} from './api/api-client.ts';
export { ApiError, toApiError } from './api/api-error.ts';
export { type QueryResult, type QueryState, useQuery } from './api/use-query.ts';
export { type AuthApi, createAuthApi } from './auth/auth-api.ts';
export {
  type AuthStore,
  type AuthStoreOptions,
  createAuthStore,
  type StoredSession,
} from './auth/auth-store.ts';
export { PasswordLogin } from './auth/password-login.tsx';
export { PhoneLogin, type PhoneLoginProps } from './auth/phone-login.tsx';
export { useSession } from './auth/use-session.ts';
export { formatSlug } from './format/label.ts';
export { formatPaise } from './format/money.ts';
export { formatRelativeTime } from './format/relative-time.ts';
export {
  emptyInbox,
  evolveInbox,
  type InboxChange,
  type InboxState,
  inboxApi,
} from './notifications/inbox.ts';
export { NotificationBell } from './notifications/notification-bell.tsx';
export { SessionNotificationBell } from './notifications/session-notification-bell.tsx';
export { type InboxSource, useInbox } from './notifications/use-inbox.ts';
export {
  type ChannelHandlers,
  RealtimeSocket,
  type RealtimeSocketOptions,
  type RealtimeStatus,
} from './realtime/realtime-socket.ts';
export { Button, type ButtonProps } from './ui/button.tsx';
export { Card, type CardProps } from './ui/card.tsx';
export { EmptyState } from './ui/empty-state.tsx';
export { ErrorBanner, type ErrorBannerProps } from './ui/error-banner.tsx';
export { Page, type PageProps } from './ui/page.tsx';
export { Spinner, type SpinnerProps } from './ui/spinner.tsx';
export { TextField, type TextFieldProps } from './ui/text-field.tsx';
