// embed-events/react: the watchers as React hooks, `useIgnition` and `useSignere`, each one line
// over useWatcher (react-watcher.js), written by the build from the list of vendors.
export * from "./react-hooks.js";
