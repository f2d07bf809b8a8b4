/** @type {import('next').NextConfig} */
const nextConfig = {
  // `next dev` refuses its dev resources to other origins; tests and the start script use 127.0.0.1.
  allowedDevOrigins: ['127.0.0.1'],
  serverExternalPackages: ['better-sqlite3', 'pg', 'pino'],
  poweredByHeader: false,
};

export default nextConfig;
