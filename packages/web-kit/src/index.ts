export { formatPaise, formatRupees } from '@zefy/rules';
export {
  type ApiClient,
  type ApiClientOptions,
  ApiError,
  createApiClient,
  type RequestOptions,
  type SessionTokens,
  toApiError,
} from './api/index.ts';
export { type QueryResult, type QueryState, useQuery } from './api/use-query.ts';
export { apiOrigin } from './app/api-origin.ts';
export { type AppClient, createAppClient } from './app/app-client.ts';
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
export { type CatalogQuery, useCatalogCategories, useCatalogServices } from './catalog/catalog-api.ts';
export { formatSlug, initialsOf } from './format/label.ts';
export { formatIndianMobile, toIndianMobile } from './format/phone.ts';
export { formatRelativeTime } from './format/relative-time.ts';
export {
  describeError,
  describeFieldError,
  type FormErrorOptions,
  type FormErrors,
  noFormErrors,
  toFormErrors,
} from './forms/form-errors.ts';
export { type ApiForm, useApiForm } from './forms/use-api-form.ts';
export { AppLayout, type AppLayoutProps } from './navigation/app-layout.tsx';
export { appBasename, createAppRouter, mountAppRouter } from './navigation/app-router.tsx';
export { NotFoundScreen, RouteErrorScreen } from './navigation/fallback-screens.tsx';
export { ButtonLink, NavBar, type NavItem } from './navigation/nav-bar.tsx';
export { SessionGate, type SessionGateProps } from './navigation/session-gate.tsx';
export { useSearchFilters } from './navigation/use-search-filters.ts';
export {
  emptyInbox,
  evolveInbox,
  type InboxChange,
  type InboxState,
  inboxApi,
} from './notifications/inbox.ts';
export { NotificationBell, NotificationsLink } from './notifications/notification-bell.tsx';
export { NotificationList } from './notifications/notification-list.tsx';
export { NotificationsScreen } from './notifications/notifications-screen.tsx';
export {
  SessionNotificationBell,
  type SessionNotificationBellProps,
} from './notifications/session-notification-bell.tsx';
export { type Inbox, type InboxSource, useInbox } from './notifications/use-inbox.ts';
export { askNotificationPermission, callAttention } from './push/attention.ts';
export {
  createPushDevice,
  installDeviceId,
  needsRegistration,
  type PushDevice,
  type PushToken,
  type PushTokenSource,
  simulatorToken,
  simulatorTokenSource,
} from './push/push-device.ts';
export { useNotificationPermission } from './push/use-notification-permission.ts';
export { usePushDevice } from './push/use-push-device.ts';
export { OfflineBanner } from './pwa/offline-banner.tsx';
export { useOnline } from './pwa/use-online.ts';
export { bookingIdOf } from './realtime/booking-events.ts';
export { applyLiveUpdate } from './realtime/live-tracking.ts';
export {
  type ChannelHandlers,
  RealtimeSocket,
  type RealtimeSocketOptions,
  type RealtimeStatus,
} from './realtime/realtime-socket.ts';
export {
  type LiveQueryResult,
  type LiveSource,
  type LiveState,
  useLiveQuery,
} from './realtime/use-live-query.ts';
export { formatCountdown } from './time/countdown.ts';
export { useSecondsLeft } from './time/use-seconds-left.ts';
export { useSecondsSince } from './time/use-seconds-since.ts';
export { playAlertSound } from './ui/alert-sound.ts';
export { AppShell, type AppShellProps, useAppName } from './ui/app-shell.tsx';
export { Badge, type BadgeProps, StatusBadge, type StatusBadgeProps } from './ui/badge.tsx';
export { Banner, type BannerProps, type Tone } from './ui/banner.tsx';
export { Button, type ButtonProps, buttonClass } from './ui/button.tsx';
export { Card, type CardProps } from './ui/card.tsx';
export { CheckboxField, type CheckboxFieldProps } from './ui/checkbox-field.tsx';
export { ChipGroup, type ChipGroupProps, type ChipOption } from './ui/chip-group.tsx';
export { type Choice, ChoiceList, type ChoiceListProps } from './ui/choice-list.tsx';
export { type Column, DataTable, type DataTableProps } from './ui/data-table.tsx';
export { EmptyState, type EmptyStateProps } from './ui/empty-state.tsx';
export { ErrorBanner, type ErrorBannerProps } from './ui/error-banner.tsx';
export type { FieldProps } from './ui/field.tsx';
export { FormMessage } from './ui/form-message.tsx';
export { Page, type PageProps } from './ui/page.tsx';
export { Screen, type ScreenProps } from './ui/screen.tsx';
export { SelectField, type SelectFieldProps, type SelectOption } from './ui/select-field.tsx';
export { Spinner, type SpinnerProps } from './ui/spinner.tsx';
export { Stat, type StatProps } from './ui/stat.tsx';
export { TextAreaField, type TextAreaFieldProps } from './ui/text-area-field.tsx';
export { TextField, type TextFieldProps } from './ui/text-field.tsx';
export { type Toaster, ToastProvider, useToast } from './ui/toast.tsx';
