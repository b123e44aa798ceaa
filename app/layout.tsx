import type { Metadata } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { THEME_SCRIPT } from "@/lib/client/theme";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Runyard", template: "%s · Runyard" },
  description: "Self-hosted control plane for fleets of compute workers",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, never from a build-time copy: its scripts must carry this
  // request's CSP nonce (proxy.ts), which Next adds while rendering.
  await connection();
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The theme script sets the `dark` class before React hydrates: not a mismatch to report.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
