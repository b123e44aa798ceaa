// Which passwords Runyard refuses besides the length rule (10–128 characters, in the contract):
// those zxcvbn-ts rates below MIN_SCORE — common passwords (its dictionaries hold the most used
// and breached ones), repeats, keyboard rows, sequences, dates, and the person's own name or
// email. Server-side only: the dictionaries are ~1 MB, too much for the dashboard's bundle.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

/** zxcvbn's 0–4 scale; 3 is "safely unguessable: moderate protection from offline attacks". */
const MIN_SCORE = 3;

// zxcvbn's warning keys, in our words ("this password is easy to guess: …").
const REASONS: Record<string, string> = {
  straightRow: "keyboard patterns like “qwerty” are easy to guess",
  keyPattern: "keyboard patterns like “qwerty” are easy to guess",
  simpleRepeat: "repeated characters like “aaa” are easy to guess",
  extendedRepeat: "repeated patterns like “abcabc” are easy to guess",
  sequences: "sequences like “abc” or “123” are easy to guess",
  recentYears: "recent years are easy to guess",
  dates: "dates are easy to guess",
  topTen: "it is one of the most common passwords",
  topHundred: "it is one of the most common passwords",
  common: "it is a commonly used password",
  similarToCommon: "it is too close to a commonly used password",
  wordByItself: "a single word is easy to guess",
  namesByThemselves: "names on their own are easy to guess",
  commonNames: "common names are easy to guess",
  userInputs: "it contains your name or email",
  pwned: "it appears in known data breaches",
};

const cache = globalThis as unknown as { runyardZxcvbn?: ZxcvbnFactory };

function estimator(): ZxcvbnFactory {
  cache.runyardZxcvbn ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return cache.runyardZxcvbn;
}

/** The parts of who someone is that must not make up their password: name words, email and its local part. */
function personalWords(person: { name?: string; email?: string }): string[] {
  const words = new Set<string>();
  for (const part of (person.name ?? "").toLowerCase().split(/\s+/)) if (part.length >= 3) words.add(part);
  const email = person.email?.toLowerCase();
  if (email) {
    words.add(email);
    const local = email.split("@")[0] ?? "";
    words.add(local);
    for (const part of local.split(/[._+-]+/)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/** Why this password is refused, in a sentence the form shows beside the field; undefined when it is fine. */
export async function passwordProblem(password: string, person: { name?: string; email?: string } = {}): Promise<string | undefined> {
  const result = await estimator().checkAsync(password, personalWords(person));
  if (result.score >= MIN_SCORE) return undefined;
  const reason = (result.feedback.warning && REASONS[result.feedback.warning]) || "it is too predictable";
  return `this password is easy to guess: ${reason}. Use a few unrelated words, or let a password manager make one.`;
}
