// vitest globalSetup for the chaos project: the built app and one fresh database (scenarios
// that restart PostgreSQL start a dedicated one of their own, see restartable-database.ts).
import type { TestProject } from "vitest/node";
import { buildIfNeeded } from "@/scripts/build-if-needed";
import { createTestDatabase } from "@/lib/testing/test-database";
import { chaosSize } from "@/lib/testing/chaos/chaos-size";

export default async function setup(project: TestProject) {
  buildIfNeeded((line) => console.log(`[chaos] ${line}`));
  console.log(`[chaos] ${chaosSize().form} form: ${JSON.stringify(chaosSize())}`);
  const database = await createTestDatabase("chaos");
  project.provide("databaseUrl", database.url);
  return async () => {
    await database.drop();
  };
}
