// Bodies of the sign-up forms: first-run setup and accepting an invitation.
import { z } from "zod";

const Password = z.string().min(10, { error: "use at least 10 characters" }).max(128);
const Name = z.string().trim().min(1, { error: "enter your name" }).max(100);

export const SetupBody = z
  .object({ name: Name, email: z.email({ error: "enter an email address" }).max(254).transform((e) => e.toLowerCase()), password: Password, adminToken: z.string().trim().min(1, { error: "paste the admin token" }) })
  .strict();
export type SetupBody = z.input<typeof SetupBody>;

export const NewAccountBody = z.object({ token: z.string().min(10).max(100), name: Name, password: Password }).strict();
export type NewAccountBody = z.input<typeof NewAccountBody>;
