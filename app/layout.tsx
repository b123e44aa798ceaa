import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
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
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
