import { useCatalogServices } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export const useServices = () => useCatalogServices(api);
