// vitest globalSetup for the integration project: one fresh database for the whole run.
import type { TestProject } from "vitest/node";
import { createTestDatabase } from "@/lib/testing/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await createTestDatabase("it");
  project.provide("databaseUrl", database.url);
  console.log(`[runyard] integration tests on a fresh ${database.kind} PostgreSQL database`);
  return async () => {
    await database.drop();
  };
}
