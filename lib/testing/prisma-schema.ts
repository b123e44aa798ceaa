// A small reader of prisma/schema.prisma (models, fields, enums) for the test that proves the
// hand-written SQL migrations and the schema agree. It understands the subset this project uses.
import { readFileSync } from "node:fs";

export type SchemaField = { name: string; column: string; type: string; optional: boolean; list: boolean; dbType?: string };
export type SchemaModel = { name: string; table: string; fields: SchemaField[] };
export type ParsedSchema = { models: SchemaModel[]; enums: Map<string, string[]> };

export function readPrismaSchema(file = "prisma/schema.prisma"): ParsedSchema {
  const text = readFileSync(file, "utf8").replace(/\/\/.*$/gm, "");
  const enums = new Map<string, string[]>();
  for (const match of text.matchAll(/enum\s+(\w+)\s*\{([^}]*)\}/g)) {
    enums.set(match[1]!, match[2]!.split(/\s+/).filter(Boolean));
  }
  const modelNames = new Set([...text.matchAll(/model\s+(\w+)\s*\{/g)].map((m) => m[1]!));
  const models: SchemaModel[] = [];
  for (const match of text.matchAll(/model\s+(\w+)\s*\{([\s\S]*?)\n\}/g)) {
    const [, name, body] = match as unknown as [string, string, string];
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? name;
    const fields: SchemaField[] = [];
    for (const line of body.split("\n").map((l) => l.trim())) {
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!field || line.startsWith("@@")) continue;
      const [, fieldName, type, list, optional, attrs] = field as unknown as [string, string, string, string | undefined, string | undefined, string];
      if (modelNames.has(type)) continue; // relation field, no column
      fields.push({
        name: fieldName,
        column: /@map\("([^"]+)"\)/.exec(attrs)?.[1] ?? fieldName,
        type,
        optional: optional === "?",
        list: list === "[]",
        dbType: /@db\.(\w+)/.exec(attrs)?.[1],
      });
    }
    models.push({ name, table, fields });
  }
  return { models, enums };
}
