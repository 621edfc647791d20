// Vitest global setup shared by the integration and e2e projects: one real
// stack per run, its URLs handed to the tests with provide/inject.
import type { TestProject } from "vitest/node";
import { startStack } from "./stack";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    databaseKind: string;
  }
}

export default async function setup(project: TestProject) {
  const stack = await startStack((l) => console.log(`[stack] ${l}`));
  console.log(`[stack] app ${stack.baseUrl}, database ${stack.databaseKind}`);
  project.provide("baseUrl", stack.baseUrl);
  project.provide("databaseUrl", stack.databaseUrl);
  project.provide("databaseKind", stack.databaseKind);
  return async () => {
    await stack.stop();
  };
}
