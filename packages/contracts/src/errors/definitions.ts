export type ErrorDefinitions = Record<string, { status: number; title: string }>;
