import { useSession } from '@zefy/web-kit';
import { auth } from './api-client.ts';

/** Admins change things; ops staff see everything and change nothing. */
export const useCanEdit = (): boolean => useSession(auth)?.principal.role === 'admin';
