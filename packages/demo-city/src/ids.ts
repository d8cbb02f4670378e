import { v5 } from 'uuid';

/** The demo city's UUIDv5 namespace (itself UUIDv5 of "demo.zefy.dev" in the DNS namespace). */
export const demoNamespace = v5('demo.zefy.dev', v5.DNS);

/** The same id on every machine and every run, so data sets of different services can refer to each other. */
export const demoId = (kind: string, name: string): string => v5(`${kind}:${name}`, demoNamespace);
