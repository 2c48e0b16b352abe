/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly and data files at run time; postgres opens sockets.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "bcryptjs"],
  poweredByHeader: false,
  // Pages' modules load on their first request, not all at start: ~35 MB less for an idle server
  // (docs/decisions/0061). A page's first request pays its import once.
  experimental: { preloadEntriesOnStart: false },
  // Every response; pages also get a CSP with a nonce and no framing from proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
        ],
      },
    ];
  },
};

export default nextConfig;
