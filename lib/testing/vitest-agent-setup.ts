// vitest globalSetup for the agent project: the built app and one fresh database.
import type { TestProject } from "vitest/node";
import { buildIfNeeded } from "@/scripts/build-if-needed";
import { createTestDatabase } from "@/lib/testing/test-database";

export default async function setup(project: TestProject) {
  buildIfNeeded((line) => console.log(`[agent tests] ${line}`));
  const database = await createTestDatabase("agent");
  project.provide("databaseUrl", database.url);
  return async () => {
    await database.drop();
  };
}
