// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // pg loads optional native bindings dynamically; keep it out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg"],
  // Type checking and linting run in `npm test`; the build does not repeat them.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
