// The app is this folder: without turbopack.root, Next.js takes the repository's package-lock.json
// two levels up for the workspace root. Nothing written into the folder besides .next/.
/** @type {import("next").NextConfig} */
export default {
  turbopack: { root: import.meta.dirname },
  agentRules: false,
  experimental: { agentUpgrade: false },
};
